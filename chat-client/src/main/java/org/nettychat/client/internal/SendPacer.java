package org.nettychat.client.internal;

import org.nettychat.protocol.Welcome;

/**
 * The client's copy of the server's rate limit (PROTOCOL.md §5.6): a token bucket that refills at the announced rate,
 * kept {@link #HEADROOM} tokens below the announced burst. A request leaves only with a token, so a script or a bot
 * that sends many at once is paced instead of refused. Not thread-safe; used on the session's event loop.
 */
final class SendPacer {

    /**
     * Tokens kept below the server's burst, at least: room for a keep-alive ping and for frames that reach the server
     * closer together than they left. A quarter of a larger burst is kept instead ({@link #capacity}).
     */
    static final int HEADROOM = 2;

    private final boolean limited;
    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;

    private SendPacer(boolean limited, double tokensPerNano, double capacity, long now) {
        this.limited = limited;
        this.tokensPerNano = tokensPerNano;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefill = now;
    }

    /** The pacer for the limit {@code welcome} announces, full at {@code now}; one that never waits if none is. */
    static SendPacer announcedBy(Welcome welcome, long now) {
        if (welcome.rate() == null || welcome.burst() == null) {
            return new SendPacer(false, 0, 0, now);
        }
        return new SendPacer(true, welcome.rate() / 1e9, capacity(welcome.burst()), now);
    }

    /** The tokens this side uses of the server's {@code burst}: it keeps a quarter of it, or {@link #HEADROOM}. */
    static int capacity(int burst) {
        return Math.max(1, burst - Math.max(HEADROOM, burst / 4));
    }

    /** Nanoseconds from {@code now} until a whole token is there; 0 when one is there already. */
    long nanosUntilToken(long now) {
        if (!limited) {
            return 0;
        }
        tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
        lastRefill = now;
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** Takes the token a request leaves with; call when {@link #nanosUntilToken} said 0. */
    void take() {
        tokens -= 1;
    }

    /** The server refused a frame for its rate: its bucket is emptier than this one thinks, so start from empty. */
    void refused(long now) {
        tokens = 0;
        lastRefill = now;
    }
}
