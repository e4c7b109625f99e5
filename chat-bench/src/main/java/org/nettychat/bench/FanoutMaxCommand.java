package org.nettychat.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * S subscribers in one room, P of them publishing, the open-loop rate raised step by step until a step loses a
 * delivery, loses a connection, gets an error, or its p99 exceeds the limit.
 */
@Command(name = "fanout-max", mixinStandardHelpOptions = true,
        description = "Highest fan-out rate with zero loss and p99 under the limit, in deliveries/s.")
final class FanoutMaxCommand implements Callable<Integer> {

    static final String ROOM = "fanout";

    /**
     * Each step after the first starts with this much unjudged publishing at its own rate, so it is measured in the
     * steady state of that rate rather than from the idle pause that the previous step's drain left.
     */
    static final double LATER_LEAD_IN_SECONDS = 1;

    @Mixin
    CommonOptions common;

    @Option(names = "--subscribers", defaultValue = "200", description = "members of the room (default: ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--publishers", defaultValue = "20",
            description = "members that also publish (default: ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--start", defaultValue = "200000", description = "first step, deliveries/s (default: ${DEFAULT-VALUE})")
    double start;

    @Option(names = "--factor", defaultValue = "1.25", description = "rate multiplier per step (default: ${DEFAULT-VALUE})")
    double factor;

    @Option(names = "--max-steps", defaultValue = "16", description = "steps at most (default: ${DEFAULT-VALUE})")
    int maxSteps;

    @Option(names = "--step-seconds", defaultValue = "5", description = "publishing time per step (default: ${DEFAULT-VALUE})")
    double stepSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "3",
            description = "unjudged warm-up at the first rate, running straight into the first step "
                    + "(default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--p99-limit-ms", defaultValue = "100", description = "p99 a step may reach (default: ${DEFAULT-VALUE})")
    double p99LimitMs;

    @Option(names = "--min-send-ratio", defaultValue = "0.95",
            description = "share of the target rate the generator must reach (default: ${DEFAULT-VALUE})")
    double minSendRatio;

    @Override
    public Integer call() throws Exception {
        if (publishers < 1 || publishers > subscribers || maxSteps < 1 || maxSteps >= LoopStats.MAX_STEPS) {
            throw new IllegalArgumentException("expected 1 <= publishers <= subscribers and 1 <= max-steps < "
                    + LoopStats.MAX_STEPS);
        }
        long p99Limit = Math.round(p99LimitMs * 1000);
        ServerProcess server = common.serverProcess();
        try (ClientFleet fleet = new ClientFleet(common.server(), common.threads, common.transport)) {
            System.out.printf("fanout-max: %d subscribers, %d publishers, from %,.0f deliveries/s x %.2f per step%n",
                    subscribers, publishers, start, factor);
            List<ClientFleet.Member> members = Workloads.joinAll(fleet, common.namePrefix(),
                    Collections.nCopies(subscribers, ROOM), System.out);
            var channels = Workloads.channels(members).subList(0, publishers);
            StepRunner runner = new StepRunner(fleet, server, new Progress(System.out, 1000));
            List<StepResult> steps = new ArrayList<>();
            StepResult best = null;
            List<String> broke = List.of();
            for (int i = 1; i <= maxSteps; i++) {
                double deliveries = start * Math.pow(factor, i - 1);
                StepResult step = runner.run(channels, i, deliveries / subscribers,
                        i == 1 ? warmupSeconds : LATER_LEAD_IN_SECONDS, stepSeconds, subscribers, common.payload);
                steps.add(step);
                List<String> failures = step.failures(p99Limit, minSendRatio);
                System.out.printf("step %d: %,.0f deliveries/s, p99 %s ms: %s%n", i, step.deliveriesPerSecond(),
                        LatencySummary.millis(step.latency().p99()), failures.isEmpty() ? "ok" : failures);
                if (!failures.isEmpty()) {
                    broke = failures;
                    break;
                }
                best = step;
            }
            report(fleet, steps, best, broke, p99Limit);
        }
        return 0;
    }

    private void report(ClientFleet fleet, List<StepResult> steps, StepResult best, List<String> broke,
            long p99Limit) {
        System.out.println();
        Workloads.stepTable(steps, p99Limit, minSendRatio).print(System.out);
        System.out.println();
        if (best == null) {
            System.out.println("no step passed; the first broke: " + broke);
        } else {
            System.out.printf("highest passing step: %,.0f deliveries/s (p50 %s ms, p99 %s ms, max %s ms)%n",
                    best.deliveriesPerSecond(), LatencySummary.millis(best.latency().p50()),
                    LatencySummary.millis(best.latency().p99()), LatencySummary.millis(best.latency().max()));
            System.out.println("next step broke: " + (broke.isEmpty() ? "(no further step: --max-steps reached)"
                    : broke));
        }
        Map<String, Object> run = common.runHeader("fanout-max", fleet);
        run.put("subscribers", subscribers);
        run.put("publishers", publishers);
        run.put("p99_limit_ms", p99LimitMs);
        run.put("best_deliveries_per_s", best == null ? 0 : Math.round(best.deliveriesPerSecond()));
        run.put("best", best == null ? null : best.toMap());
        run.put("broke", broke);
        run.put("steps", steps.stream().map(StepResult::toMap).toList());
        ResultsFile.append(common.results, run);
        System.out.println("appended to " + common.results);
    }
}
