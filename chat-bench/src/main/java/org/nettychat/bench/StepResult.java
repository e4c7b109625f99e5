package org.nettychat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step of a workload measured.
 *
 * @param step            step number, from 0
 * @param targetRate      messages per second asked of the publishers
 * @param roomSize        members per room: each message is delivered this many times
 * @param seconds         planned publishing time
 * @param sent            messages published
 * @param sendSeconds     time the publishers actually took
 * @param received        deliveries counted
 * @param latency         send-to-receive latency of the deliveries
 * @param generatorLag    how late the generator's publishing ticks ran: how long its loop was busy before it could
 *                        publish, and so also before it could read what had arrived
 * @param closed          connections lost during the step or its lead-in
 * @param problems        errors and byes received during the step or its lead-in, by kind
 * @param serverCpuSeconds server CPU (user + system) used from step start to the end of its drain; NaN when unknown
 * @param generatorLoad   share of one core the generator used over the same time (1.0: a core saturated); NaN when
 *                        unknown
 */
record StepResult(int step, double targetRate, int roomSize, double seconds, long sent, double sendSeconds,
        long received, LatencySummary latency, LatencySummary generatorLag, long closed, Map<String, Long> problems,
        double serverCpuSeconds, double generatorLoad) {

    /** Deliveries the step should have produced. */
    long expected() {
        return sent * roomSize;
    }

    /** Deliveries that never arrived. */
    long lost() {
        return Math.max(0, expected() - received);
    }

    /** Deliveries per second asked for. */
    double targetDeliveriesPerSecond() {
        return targetRate * roomSize;
    }

    /** Deliveries per second achieved, counting what arrived over the time the publishers took. */
    double deliveriesPerSecond() {
        return received / Math.max(sendSeconds, seconds);
    }

    /** Share of the target rate that the generator really sent. */
    double sendRatio() {
        return targetRate == 0 ? 1 : sent / Math.max(sendSeconds, seconds) / targetRate;
    }

    /**
     * Whether the generator's own loop lag p99 is at least half of the deliveries' p99: the generator's loop, busy
     * reading and publishing, was itself that far behind, so a step that breaks so measures the generator first.
     */
    boolean generatorBound() {
        return 2 * generatorLag.p99() >= latency.p99();
    }

    /** The generator's load as a percentage of one core, or "-" when unknown. */
    String generatorLoadPercent() {
        return Double.isNaN(generatorLoad) ? "-" : String.format("%.0f%%", 100 * generatorLoad);
    }

    /** {@link #cpuSecondsPerMillion()} for a table, or "-" when unknown. */
    String cpuSecondsPerMillionText() {
        return Double.isNaN(cpuSecondsPerMillion()) ? "-" : String.format("%.3f", cpuSecondsPerMillion());
    }

    /** Server CPU seconds per million deliveries, or NaN. */
    double cpuSecondsPerMillion() {
        return received == 0 ? Double.NaN : serverCpuSeconds / received * 1e6;
    }

    /**
     * Judges the step: zero loss, no connection lost, no error, p99 within the limit, and the generator sent at
     * least {@code minSendRatio} of the target.
     *
     * @return why the step failed, one reason a line; empty when it passed
     */
    List<String> failures(long p99LimitMicros, double minSendRatio) {
        List<String> reasons = new ArrayList<>();
        if (lost() > 0) {
            reasons.add(String.format("lost %d of %d deliveries", lost(), expected()));
        }
        if (closed > 0) {
            reasons.add(closed + " connections closed");
        }
        if (!problems.isEmpty()) {
            reasons.add("server said " + problems);
        }
        if (latency.p99() > p99LimitMicros) {
            reasons.add(String.format("p99 %s ms > %s ms%s", LatencySummary.millis(latency.p99()),
                    LatencySummary.millis(p99LimitMicros), generatorBound()
                            ? String.format(" (generator-bound: its own loop lag p99 %s ms)",
                                    LatencySummary.millis(generatorLag.p99()))
                            : ""));
        }
        if (sendRatio() < minSendRatio) {
            reasons.add(String.format("generator sent only %.0f%% of the target rate", 100 * sendRatio()));
        }
        return reasons;
    }

    /** The step for the JSON results. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("step", step);
        map.put("target_msgs_per_s", Math.round(targetRate));
        map.put("target_deliveries_per_s", Math.round(targetDeliveriesPerSecond()));
        map.put("room_size", roomSize);
        map.put("sent", sent);
        map.put("send_seconds", Math.round(sendSeconds * 1000) / 1000.0);
        map.put("expected", expected());
        map.put("received", received);
        map.put("lost", lost());
        map.put("deliveries_per_s", Math.round(deliveriesPerSecond()));
        map.put("latency", latency.toMap());
        map.put("generator_lag", generatorLag.toMap());
        map.put("closed", closed);
        map.put("problems", problems);
        if (!Double.isNaN(serverCpuSeconds)) {
            map.put("server_cpu_s", Math.round(serverCpuSeconds * 100) / 100.0);
            map.put("server_cpu_s_per_million", Math.round(cpuSecondsPerMillion() * 1000) / 1000.0);
        }
        if (!Double.isNaN(generatorLoad)) {
            map.put("generator_cpu_share", Math.round(generatorLoad * 100) / 100.0);
        }
        return map;
    }
}
