package org.nettychat.bench;

import io.netty.channel.Channel;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Steps shared by the room workloads: joining the fleet, picking publishers, printing steps. */
final class Workloads {

    /** How long a whole fleet may take to connect and join. */
    static final long JOIN_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(2);

    /** Connections opening at once. */
    static final int IN_FLIGHT = 200;

    private Workloads() {
    }

    /**
     * Connects one client per entry of {@code rooms} into that room and fails unless all of them joined.
     *
     * @return the members, in index order
     */
    static List<ClientFleet.Member> joinAll(ClientFleet fleet, String prefix, List<String> rooms, PrintStream out)
            throws InterruptedException {
        long start = System.nanoTime();
        int joined = fleet.connect(prefix, rooms, IN_FLIGHT, JOIN_TIMEOUT_MILLIS, new Progress(out, 1000));
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("joined %,d of %,d clients in %.1f s%n", joined, rooms.size(), seconds);
        if (joined < rooms.size()) {
            throw new IllegalStateException("only " + joined + " of " + rooms.size() + " clients joined: "
                    + fleet.events().snapshot() + " (raise the server's --max-connections-per-ip, "
                    + "--max-connections, and check ulimit -n)");
        }
        List<ClientFleet.Member> members = fleet.members();
        members.sort(Comparator.comparingInt(ClientFleet.Member::index));
        return members;
    }

    static List<Channel> channels(List<ClientFleet.Member> members) {
        return members.stream().map(ClientFleet.Member::channel).toList();
    }

    /** A table with one row per step. */
    static Table stepTable(List<StepResult> steps, long p99LimitMicros, double minSendRatio) {
        Table table = new Table("step", "target deliv/s", "achieved deliv/s", "msgs sent", "lost", "p50 ms",
                "p99 ms", "max ms", "srv cpu s/M", "gen cpu", "gen lag p99 ms", "verdict");
        for (StepResult step : steps) {
            List<String> failures = step.failures(p99LimitMicros, minSendRatio);
            table.row(step.step(), String.format("%,.0f", step.targetDeliveriesPerSecond()),
                    String.format("%,.0f", step.deliveriesPerSecond()), String.format("%,d", step.sent()),
                    step.lost(), LatencySummary.millis(step.latency().p50()),
                    LatencySummary.millis(step.latency().p99()), LatencySummary.millis(step.latency().max()),
                    step.cpuSecondsPerMillionText(), step.generatorLoadPercent(),
                    LatencySummary.millis(step.generatorLag().p99()),
                    failures.isEmpty() ? "ok" : String.join("; ", failures));
        }
        return table;
    }
}
