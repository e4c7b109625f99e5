package org.nettychat.client.internal;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.nettychat.client.ReconnectPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every connection of a session: when the connection closes it schedules a new one after the
 * policy's backoff, or at once after a drain. Armed by each successful login, disarmed by {@code close()} and by a
 * refused login. One instance serves all connections of its session, all on the session's event loop.
 */
@Sharable
final class ReconnectWatchdog extends ChannelInboundHandlerAdapter {

    /** Name of this handler in a pipeline. */
    static final String NAME = "reconnect-watchdog";

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectWatchdog.class);

    private final ReconnectPolicy policy;
    private final SessionCore core;
    private boolean armed;
    private boolean immediate;
    private int attempt;
    private ScheduledFuture<?> scheduled;

    ReconnectWatchdog(ReconnectPolicy policy, SessionCore core) {
        this.policy = policy;
        this.core = core;
    }

    /** Reconnects after the next lost connection, starting again from the first delay. */
    void arm() {
        armed = true;
        attempt = 0;
    }

    /** Never reconnects again, and cancels a reconnect that is waiting. */
    void disarm() {
        armed = false;
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    boolean isArmed() {
        return armed;
    }

    /** Skips the backoff for the next reconnect, as a server that drains asks. */
    void reconnectImmediately() {
        immediate = true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (armed) {
            scheduleReconnect(ctx.channel().eventLoop());
        } else {
            core.connectionEnded();
        }
        ctx.fireChannelInactive();
    }

    /** Schedules the next attempt; also called when an attempt could not connect. */
    void scheduleReconnect(EventLoop loop) {
        attempt++;
        if (!policy.allowsAttempt(attempt)) {
            disarm();
            core.reconnectGaveUp(attempt - 1);
            return;
        }
        Duration delay = immediate ? Duration.ZERO : policy.delay(attempt);
        immediate = false;
        LOG.debug("Reconnect attempt {} in {} ms", attempt, delay.toMillis());
        scheduled = loop.schedule(this::reconnect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void reconnect() {
        scheduled = null;
        if (armed) {
            core.connect();
        }
    }
}
