package org.nettychat.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Holds N idle logged-in clients: how fast they connect and how much server memory each one costs. */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "N idle logged-in clients: connect rate and server memory per connection.")
final class ConnectionsCommand implements Callable<Integer> {

    static final String ROOM = "idle";

    @Mixin
    CommonOptions common;

    @Option(names = "--count", defaultValue = "10000", description = "clients to hold (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--warmup-count", defaultValue = "1000",
            description = "clients connected first and held through both readings, so that loading classes and "
                    + "compiling the login path do not count as memory per connection (default: ${DEFAULT-VALUE})")
    int warmupCount;

    @Option(names = "--in-flight", defaultValue = "200",
            description = "connections opening at once (default: ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--hold-seconds", defaultValue = "10",
            description = "how long to hold them before measuring (default: ${DEFAULT-VALUE})")
    int holdSeconds;

    @Option(names = "--gc-runs", defaultValue = "3",
            description = "full GCs (jcmd GC.run) on the server before each memory reading, so it counts what is "
                    + "held, not garbage; a serial-GC heap gives back more of its free space at each (default: "
                    + "${DEFAULT-VALUE})")
    int gcRuns;

    @Override
    public Integer call() throws Exception {
        ServerProcess server = common.serverProcess();
        try (ClientFleet fleet = new ClientFleet(common.server(), common.threads, common.transport)) {
            System.out.printf("connections: %,d idle clients after %,d warm-up clients, %d opening at once%n", count,
                    warmupCount, inFlight);
            String prefix = common.namePrefix();
            String warmupPrefix = prefix + "w";
            if (warmupCount > 0) {
                int warm = fleet.connect(warmupPrefix, Collections.nCopies(warmupCount, ROOM), inFlight,
                        Workloads.JOIN_TIMEOUT_MILLIS, new Progress(System.out, 1000));
                System.out.printf("warm-up: %,d of %,d joined and held%n", warm, warmupCount);
            }
            boolean collected = collect(server);
            long rssBefore = server.rssBytes();
            long start = System.nanoTime();
            int joined = fleet.connect(prefix, Collections.nCopies(count, ROOM), inFlight,
                    Workloads.JOIN_TIMEOUT_MILLIS, new Progress(System.out, 1000));
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("joined %,d of %,d in %.1f s; holding %d s%n", joined, count, connectSeconds,
                    holdSeconds);
            for (int s = 0; s < holdSeconds; s++) {
                StepRunner.pause(1000);
            }
            long stillOpen = fleet.members().stream()
                    .filter(m -> !m.name().startsWith(warmupPrefix) && m.channel().isActive())
                    .count();
            collect(server);
            long rssAfter = server.rssBytes();
            report(fleet, joined, stillOpen, connectSeconds, rssBefore, rssAfter, collected);
        }
        return 0;
    }

    /** Runs the full GCs before a reading; false when none ran. */
    private boolean collect(ServerProcess server) {
        boolean collected = gcRuns > 0;
        for (int i = 0; i < gcRuns; i++) {
            collected &= server.gc();
        }
        return collected;
    }

    private void report(ClientFleet fleet, int joined, long stillOpen, double connectSeconds, long rssBefore,
            long rssAfter, boolean collected) {
        boolean measured = rssBefore > 0 && rssAfter > 0 && stillOpen > 0;
        double perConnection = measured ? (double) (rssAfter - rssBefore) / stillOpen : Double.NaN;
        System.out.println();
        new Table("held", "connect+login/s", "rss before MiB", "rss after MiB", "bytes/conn", "gc")
                .row(String.format("%,d", stillOpen), String.format("%,.0f", joined / connectSeconds),
                        measured ? String.format("%.1f", rssBefore / 1048576.0) : "-",
                        measured ? String.format("%.1f", rssAfter / 1048576.0) : "-",
                        measured ? String.format("%,.0f", perConnection) : "- (give --server-pid)",
                        collected ? gcRuns + " x jcmd GC.run" : "none")
                .print(System.out);
        if (fleet.events().problemCount() > 0) {
            System.out.println("events: " + fleet.events().snapshot());
        }
        Map<String, Object> run = common.runHeader("connections", fleet);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requested", count);
        result.put("warmup_clients", warmupCount);
        result.put("joined", joined);
        result.put("held", stillOpen);
        result.put("connect_seconds", Math.round(connectSeconds * 100) / 100.0);
        result.put("connects_per_s", Math.round(joined / connectSeconds));
        result.put("rss_before_bytes", rssBefore);
        result.put("rss_after_bytes", rssAfter);
        result.put("bytes_per_connection", measured ? Math.round(perConnection) : null);
        result.put("gc_runs_before_reading", collected ? gcRuns : 0);
        result.put("events", fleet.events().snapshot());
        run.put("result", result);
        ResultsFile.append(common.results, run);
        System.out.println("appended to " + common.results);
    }
}
