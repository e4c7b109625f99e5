package org.nettychat.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.server.admin.ServerMetrics;

/**
 * The rate limit on a connection's frames (PROTOCOL.md §5.6), from its first frame on: each takes a token; one that
 * finds none is refused with {@code rate-limited}, and a client that keeps sending into an empty bucket is closed for
 * flooding.
 */
final class Admission {

    private Admission() {
    }

    /**
     * Takes a token for a frame whose answer would carry {@code ref}.
     *
     * @return true when the frame may be carried out; false after it was refused or the connection closed for it
     */
    static boolean admit(ChannelHandlerContext ctx, RateLimiter limiter, ServerMetrics metrics, String ref) {
        switch (limiter.acquire(System.nanoTime())) {
            case ALLOWED:
                return true;
            case REFUSED:
                Replies.error(ctx, metrics, ErrorCode.RATE_LIMITED, "over " + limiter.perSecond()
                        + " messages per second", ref);
                return false;
            default:
                metrics.floodDisconnect();
                Replies.byeAndClose(ctx, Bye.FLOOD);
                return false;
        }
    }
}
