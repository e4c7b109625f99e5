package org.nettychat.bench;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A fixed publish rate into one big room for a fixed time: the latency distribution and the loss. */
@Command(name = "fanout-latency", mixinStandardHelpOptions = true,
        description = "Latency percentiles and loss at a fixed fan-out rate (default 500 subscribers x 200 msg/s).")
final class FanoutLatencyCommand implements Callable<Integer> {

    static final String ROOM = "latency";

    @Mixin
    CommonOptions common;

    @Option(names = "--subscribers", defaultValue = "500", description = "members of the room (default: ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--publishers", defaultValue = "10",
            description = "members that also publish (default: ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--rate", defaultValue = "200", description = "messages/s in total (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seconds", defaultValue = "15", description = "measured time (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3",
            description = "unmeasured warm-up at the same rate, running straight into the measured time "
                    + "(default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Override
    public Integer call() throws Exception {
        if (publishers < 1 || publishers > subscribers) {
            throw new IllegalArgumentException("expected 1 <= publishers <= subscribers");
        }
        try (ClientFleet fleet = new ClientFleet(common.server(), common.threads, common.transport)) {
            System.out.printf("fanout-latency: %d subscribers, %d publishers, %,.0f msg/s (%,.0f deliveries/s)%n",
                    subscribers, publishers, rate, rate * subscribers);
            List<ClientFleet.Member> members = Workloads.joinAll(fleet, common.namePrefix(),
                    Collections.nCopies(subscribers, ROOM), System.out);
            var channels = Workloads.channels(members).subList(0, publishers);
            StepRunner runner = new StepRunner(fleet, common.serverProcess(), new Progress(System.out, 1000));
            StepResult step = runner.run(channels, 1, rate, warmupSeconds, seconds, subscribers, common.payload);
            report(fleet, step);
        }
        return 0;
    }

    private void report(ClientFleet fleet, StepResult step) {
        LatencySummary latency = step.latency();
        System.out.println();
        new Table("deliveries/s", "deliveries", "lost", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms",
                "srv cpu s/M", "gen cpu", "gen lag p99 ms")
                .row(String.format("%,.0f", step.deliveriesPerSecond()), String.format("%,d", step.received()),
                        step.lost(), LatencySummary.millis(latency.p50()), LatencySummary.millis(latency.p90()),
                        LatencySummary.millis(latency.p99()), LatencySummary.millis(latency.p999()),
                        LatencySummary.millis(latency.max()),
                        step.cpuSecondsPerMillionText(), step.generatorLoadPercent(),
                        LatencySummary.millis(step.generatorLag().p99()))
                .print(System.out);
        if (!step.problems().isEmpty() || step.closed() > 0) {
            System.out.println("problems: " + step.problems() + ", connections closed: " + step.closed());
        }
        Map<String, Object> run = common.runHeader("fanout-latency", fleet);
        run.put("subscribers", subscribers);
        run.put("publishers", publishers);
        run.put("rate_msgs_per_s", rate);
        run.put("result", step.toMap());
        ResultsFile.append(common.results, run);
        System.out.println("appended to " + common.results);
    }
}
