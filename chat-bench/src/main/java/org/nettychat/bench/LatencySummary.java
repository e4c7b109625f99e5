package org.nettychat.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The percentiles of one latency histogram recorded in microseconds.
 *
 * @param count  values recorded
 * @param p50    median, microseconds
 * @param p90    90th percentile, microseconds
 * @param p99    99th percentile, microseconds
 * @param p999   99.9th percentile, microseconds
 * @param max    largest value, microseconds
 */
record LatencySummary(long count, long p50, long p90, long p99, long p999, long max) {

    /** The largest latency a histogram tracks: 60 s in microseconds; larger values are clamped to it. */
    static final long HIGHEST_TRACKABLE_MICROS = 60_000_000L;

    /** No values. */
    static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** A histogram of microseconds with 3 significant digits, as every workload records. */
    static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_MICROS, 3);
    }

    /** Summarises {@code histogram}; an empty one gives {@link #EMPTY}. */
    static LatencySummary of(Histogram histogram) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    /** Microseconds as milliseconds with two decimals, for tables. */
    static String millis(long micros) {
        return String.format("%.2f", micros / 1000.0);
    }

    /** The summary in milliseconds, for the JSON results. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("p50_ms", micros(p50));
        map.put("p90_ms", micros(p90));
        map.put("p99_ms", micros(p99));
        map.put("p999_ms", micros(p999));
        map.put("max_ms", micros(max));
        return map;
    }

    private static double micros(long value) {
        return Math.round(value / 10.0) / 100.0;
    }
}
