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
        long micros = TimeUnit.NANOSECONDS.toMicros(Math.max(0, nowNanos - sendNanos));
        latency[step].recordValue(Math.min(micros, LatencySummary.HIGHEST_TRACKABLE_MICROS));
    }

    /** Counts one message sent in {@code step}; loop thread only. */
    void sent(int step) {
        sent[step]++;
    }

    /** A copy of the counts (and, when asked, the histogram) of one step; loop thread only. */
    StepCounts snapshot(int step, boolean withLatency) {
        Histogram copy = withLatency && latency[step] != null ? latency[step].copy() : null;
        return new StepCounts(sent[step], received[step], stray, copy);
    }

    /**
     * Counts of one step on one loop, or added up over loops.
     *
     * @param sent     messages published
     * @param received deliveries counted
     * @param stray    stamped messages of no known step
     * @param latency  latency histogram in microseconds, or null
     */
    record StepCounts(long sent, long received, long stray, Histogram latency) {

        static final StepCounts NONE = new StepCounts(0, 0, 0, null);

        StepCounts plus(StepCounts other) {
            Histogram merged = latency;
            if (other.latency != null) {
                if (merged == null) {
                    merged = LatencySummary.newHistogram();
                }
                merged.add(other.latency);
            }
            return new StepCounts(sent + other.sent, received + other.received, stray + other.stray, merged);
        }
    }
}
