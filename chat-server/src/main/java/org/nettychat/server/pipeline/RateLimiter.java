package org.nettychat.server.pipeline;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket per connection, plus a count of refusals: a client that keeps sending into a full bucket is flooding.
 * Not thread-safe; used by one event loop.
 */
final class RateLimiter {

    /** Refusals within {@link #FLOOD_WINDOW_NANOS} that make a client a flooder. */
    static final int FLOOD_REFUSALS = 100;
    static final long FLOOD_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What a frame was judged. */
    enum Verdict {
        ALLOWED,
        REFUSED,
        FLOODING
    }

    private final int perSecond;
    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long lastRefill;
    private int refusals;
    private long windowStart;

    RateLimiter(int perSecond, int burst, long now) {
        this.perSecond = perSecond;
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = now;
        this.windowStart = now;
    }

    /** Frames per second allowed on average. */
    int perSecond() {
        return perSecond;
    }

    Verdict acquire(long now) {
        tokens = Math.min(burst, tokens + (now - lastRefill) * tokensPerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOWED;
        }
        if (now - windowStart > FLOOD_WINDOW_NANOS) {
            windowStart = now;
            refusals = 0;
        }
        return ++refusals > FLOOD_REFUSALS ? Verdict.FLOODING : Verdict.REFUSED;
    }
}
