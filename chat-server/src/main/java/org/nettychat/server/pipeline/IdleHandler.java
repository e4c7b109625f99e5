package org.nettychat.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.Ping;
import org.nettychat.server.admin.ServerMetrics;

/**
 * Watches a connection for silence: after half the idle timeout without a message from the client it pings it, and
 * when the other half passes without one either it says bye and closes. Any message counts, a pong among them. One
 * timer per connection, rescheduled from the time of the last message; a held connection costs this handler and that
 * timer, nothing else.
 */
final class IdleHandler extends ChannelInboundHandlerAdapter implements Runnable {

    static final String NAME = "idle";
    static final String PING_REF = "idle";

    private final ServerMetrics metrics;
    private final long halfIdleNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    /** When the last read that brought a message completed. */
    private long lastMessage;
    /** Whether a message arrived in the read being handled. */
    private boolean reading;
    /** Whether the client was pinged and has sent nothing since. */
    private boolean pinged;

    IdleHandler(ServerMetrics metrics, long halfIdleNanos) {
        this.metrics = metrics;
        this.halfIdleNanos = halfIdleNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        pinged = false;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (reading) {
            lastMessage = ctx.executor().ticker().nanoTime();
            reading = false;
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    /** The timer: reschedules itself while messages arrive, else pings, then closes. */
    @Override
    public void run() {
        timer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long silent = ctx.executor().ticker().nanoTime() - lastMessage;
        if (reading || silent < halfIdleNanos) {
            schedule(reading ? halfIdleNanos : halfIdleNanos - silent);
        } else if (!pinged) {
            pinged = true;
            ctx.writeAndFlush(new Ping(PING_REF), ctx.voidPromise());
            schedule(halfIdleNanos);
        } else {
            metrics.idleDisconnect();
            Replies.byeAndClose(ctx, Bye.IDLE_TIMEOUT);
        }
    }

    private void start() {
        if (timer == null) {
            lastMessage = ctx.executor().ticker().nanoTime();
            schedule(halfIdleNanos);
        }
    }

    private void schedule(long delayNanos) {
        timer = ctx.executor().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
