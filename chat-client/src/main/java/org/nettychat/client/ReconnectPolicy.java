package org.nettychat.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How a session reconnects after it lost its connection: exponential backoff from {@code initialDelay}, doubled on
 * each failed attempt up to {@code maxDelay}, with a random part of up to {@code jitter} of the delay taken off so that
 * many clients cut off at once do not all come back at the same instant.
 *
 * @param initialDelay delay before the first attempt
 * @param maxDelay     cap on the delay
 * @param jitter       fraction of each delay that is random, 0 (none) to 1
 * @param maxAttempts  attempts before the session gives up; 0 never reconnects
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double jitter, int maxAttempts) {

    /** Default first delay. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(100);
    /** Default cap on the delay. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    /** Default random fraction of each delay. */
    public static final double DEFAULT_JITTER = 0.5;

    /** Reconnects forever with the default delays. */
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_JITTER, Integer.MAX_VALUE);

    /** Never reconnects: a lost connection ends the session. */
    public static final ReconnectPolicy DISABLED = new ReconnectPolicy(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, 0, 0);

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays: initialDelay " + initialDelay + ", maxDelay " + maxDelay
                    + " (expected: 0 <= initialDelay <= maxDelay)");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: 0..1)");
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: >= 0)");
        }
    }

    /** The delay before attempt {@code attempt} (1 for the first), with random jitter. */
    public Duration delay(int attempt) {
        return delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before attempt {@code attempt}, taking the jitter from {@code random} (values in [0, 1)). */
    public Duration delay(int attempt, DoubleSupplier random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
        }
        long cap = maxDelay.toNanos();
        long base = initialDelay.toNanos();
        for (int i = 1; i < attempt && base < cap; i++) {
            base = Math.min(cap, base * 2);
        }
        base = Math.min(cap, base);
        return Duration.ofNanos(base - (long) (base * jitter * random.getAsDouble()));
    }

    /** Whether attempt number {@code attempt} (1 for the first) may be made. */
    public boolean allowsAttempt(int attempt) {
        return attempt <= maxAttempts;
    }
}
