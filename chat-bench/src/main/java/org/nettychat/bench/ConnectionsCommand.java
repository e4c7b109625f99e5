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

    @Option(names = "--in-flight", defaultValue = "200",
            description = "connections opening at once (default: ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--hold-seconds", defaultValue = "10",
            description = "how long to hold them before measuring (default: ${DEFAULT-VALUE})")
    int holdSeconds;

    @Option(names = "--gc", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run jcmd GC.run on the server before each memory reading (default: on)")
    boolean gc;

    @Override
    public Integer call() throws Exception {
        ServerProcess server = common.serverProcess();
        try (ClientFleet fleet = new ClientFleet(common.server(), common.threads)) {
            System.out.printf("connections: %,d idle clients, %d opening at once%n", count, inFlight);
            boolean collected = gc && server.gc();
            long rssBefore = server.rssBytes();
            long start = System.nanoTime();
            int joined = fleet.connect(common.namePrefix(), Collections.nCopies(count, ROOM), inFlight,
                    Workloads.JOIN_TIMEOUT_MILLIS, new Progress(System.out, 1000));
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("joined %,d of %,d in %.1f s; holding %d s%n", joined, count, connectSeconds,
                    holdSeconds);
            for (int s = 0; s < holdSeconds; s++) {
                StepRunner.pause(1000);
            }
            long stillOpen = fleet.members().stream().filter(m -> m.channel().isActive()).count();
            if (gc) {
                server.gc();
            }
            long rssAfter = server.rssBytes();
            report(fleet, joined, stillOpen, connectSeconds, rssBefore, rssAfter, collected);
        }
        return 0;
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
                        collected ? "jcmd GC.run" : "none")
                .print(System.out);
        if (fleet.events().problemCount() > 0) {
            System.out.println("events: " + fleet.events().snapshot());
        }
        Map<String, Object> run = common.runHeader("connections", fleet);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requested", count);
        result.put("joined", joined);
        result.put("held", stillOpen);
        result.put("connect_seconds", Math.round(connectSeconds * 100) / 100.0);
        result.put("connects_per_s", Math.round(joined / connectSeconds));
        result.put("rss_before_bytes", rssBefore);
        result.put("rss_after_bytes", rssAfter);
        result.put("bytes_per_connection", measured ? Math.round(perConnection) : null);
        result.put("gc_before_reading", collected);
        result.put("events", fleet.events().snapshot());
        run.put("result", result);
        ResultsFile.append(common.results, run);
        System.out.println("appended to " + common.results);
    }
}
