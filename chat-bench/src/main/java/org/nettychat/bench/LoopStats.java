package org.nettychat.bench;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the connections of one event loop received and sent, per step. Written only by that loop's thread, with no
 * atomics on the per-message path; other threads read it through {@link #snapshot} tasks run on the loop.
 */
final class LoopStats {

    /** Steps a run may have; a stamp with a larger step is counted as stray. */
    static final int MAX_STEPS = 64;

    private final EventLoop loop;
    private final long[] received = new long[MAX_STEPS];
    private final long[] sent = new long[MAX_STEPS];
    private final Histogram[] latency = new Histogram[MAX_STEPS];
    private final Histogram[] lag = new Histogram[MAX_STEPS];
    private long stray;

    LoopStats(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * Creates the histogram of {@code step} before its first delivery, so the per-delivery path never meets a missing
     * one mid-stream (a branch the JIT would have compiled away); loop thread only.
     */
    void prepare(int step) {
        if (latency[step] == null) {
            latency[step] = LatencySummary.newHistogram();
            lag[step] = LatencySummary.newHistogram();
        }
    }

    /** Counts one delivery of a message of {@code step} sent at {@code sendNanos}; loop thread only. */
    void delivered(int step, long sendNanos, long nowNanos) {
        if (step >= MAX_STEPS) {
            stray++;
            return;
        }
        received[step]++;
        prepare(step);
        latency[step].recordValue(micros(nowNanos - sendNanos));
    }

    /**
     * Records how late a publishing tick of {@code step} ran, in nanoseconds: how long the loop was busy with other
     * work, the generator's own contribution to the latency it measures. A tick that ran late stands also for the
     * ticks that fell due while it waited, so a stall weighs by its length, as it does in the deliveries' latency;
     * loop thread only.
     */
    void ticked(int step, long lateNanos, long tickNanos) {
        prepare(step);
        lag[step].recordValueWithExpectedInterval(micros(lateNanos), micros(tickNanos));
    }

    /** Nanoseconds as the microseconds a histogram records, clamped to its range. */
    private static long micros(long nanos) {
        return Math.min(TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos)), LatencySummary.HIGHEST_TRACKABLE_MICROS);
    }

    /** Counts one message sent in {@code step}; loop thread only. */
    void sent(int step) {
        sent[step]++;
    }

    /** A copy of the counts (and, when asked, the histograms) of one step; loop thread only. */
    StepCounts snapshot(int step, boolean withLatency) {
        boolean copy = withLatency && latency[step] != null;
        return new StepCounts(sent[step], received[step], stray, copy ? latency[step].copy() : null,
                copy ? lag[step].copy() : null);
    }

    /**
     * Counts of one step on one loop, or added up over loops.
     *
     * @param sent     messages published
     * @param received deliveries counted
     * @param stray    stamped messages of no known step
     * @param latency  latency histogram in microseconds, or null
     * @param lag      how late the publishing ticks ran, histogram in microseconds, or null
     */
    record StepCounts(long sent, long received, long stray, Histogram latency, Histogram lag) {

        static final StepCounts NONE = new StepCounts(0, 0, 0, null, null);

        StepCounts plus(StepCounts other) {
            return new StepCounts(sent + other.sent, received + other.received, stray + other.stray,
                    merge(latency, other.latency), merge(lag, other.lag));
        }

        private static Histogram merge(Histogram mine, Histogram theirs) {
            if (theirs == null) {
                return mine;
            }
            Histogram merged = mine == null ? LatencySummary.newHistogram() : mine;
            merged.add(theirs);
            return merged;
        }
    }
}
