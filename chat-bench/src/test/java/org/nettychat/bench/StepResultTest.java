package org.nettychat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StepResultTest {

    private static final long LIMIT = 100_000;

    @Test
    void failures_whenAllArrivedFastAndAtRate_thenEmpty() {
        StepResult step = step(1000, 5.0, 200_000, latency(2_000, 50_000), 0, Map.of());

        assertThat(step.failures(LIMIT, 0.95)).isEmpty();
        assertThat(step.expected()).isEqualTo(200_000);
        assertThat(step.deliveriesPerSecond()).isEqualTo(40_000);
        assertThat(step.cpuSecondsPerMillion()).isEqualTo(2.5);
    }

    @Test
    void failures_whenOneDeliveryMissing_thenReportsLoss() {
        StepResult step = step(1000, 5.0, 199_999, latency(2_000, 2_000), 0, Map.of());

        assertThat(step.lost()).isEqualTo(1);
        assertThat(step.failures(LIMIT, 0.95)).containsExactly("lost 1 of 200000 deliveries");
    }

    @Test
    void failures_whenP99OverLimit_thenReportsLatency() {
        StepResult step = step(1000, 5.0, 200_000, latency(150_000, 150_000), 0, Map.of());

        assertThat(step.failures(LIMIT, 0.95)).containsExactly("p99 150.00 ms > 100.00 ms");
    }

    @Test
    void failures_whenP99OverLimitAndMostlyTheGeneratorsOwnLag_thenSaysGeneratorBound() {
        StepResult step = new StepResult(1, 200, 200, 5.0, 1000, 5.0, 200_000, latency(90_000, 150_000),
                latency(60_000, 80_000), 0, Map.of(), 0.5, 0.97);

        assertThat(step.generatorBound()).isTrue();
        assertThat(step.failures(LIMIT, 0.95))
                .containsExactly("p99 150.00 ms > 100.00 ms (generator-bound: its own loop lag p99 80.00 ms)");
        assertThat(step.toMap()).extractingByKey("generator_lag").asString().contains("p99_ms=80.0");
    }

    @Test
    void failures_whenGeneratorFellBehindAndServerComplained_thenReportsBoth() {
        StepResult step = step(1000, 10.0, 200_000, latency(1_000, 1_000), 2, Map.of("error:rate-limited", 3L));

        assertThat(step.failures(LIMIT, 0.95)).containsExactly("2 connections closed",
                "server said {error:rate-limited=3}", "generator sent only 50% of the target rate");
    }

    @Test
    void latencySummary_readsPercentilesOfTheHistogram() {
        Histogram histogram = LatencySummary.newHistogram();
        for (long micros = 1; micros <= 1000; micros++) {
            histogram.recordValue(micros);
        }

        LatencySummary summary = LatencySummary.of(histogram);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isEqualTo(500);
        assertThat(summary.p99()).isEqualTo(990);
        assertThat(summary.max()).isEqualTo(1000);
        assertThat(summary.toMap()).containsEntry("p99_ms", 0.99);
        assertThat(LatencySummary.of(LatencySummary.newHistogram())).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void serverProcess_readsCpuAndRssFromProcFormats() {
        String stat = "4242 (java (x)) S 1 4242 1 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 1 2 3";

        assertThat(ServerProcess.cpuSecondsOf(stat)).isEqualTo(3.0);
        assertThat(ServerProcess.rssBytesOf(java.util.List.of("Name:\tjava", "VmRSS:\t  2048 kB")))
                .isEqualTo(2048 * 1024);
    }

    /** 200 members, 200 msg/s for 5 s planned; the step took {@code sendSeconds} and the server 2.5 CPU-s/M. */
    private static StepResult step(long sent, double sendSeconds, long received, LatencySummary latency, long closed,
            Map<String, Long> problems) {
        return new StepResult(1, 200, 200, 5.0, sent, sendSeconds,
                received, latency, LatencySummary.EMPTY, closed, problems, 2.5 * received / 1e6, 0.5);
    }

    private static LatencySummary latency(long p50, long p99) {
        return new LatencySummary(1000, p50, p99, p99, p99, p99);
    }
}
