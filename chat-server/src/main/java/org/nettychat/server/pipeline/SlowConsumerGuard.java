package org.nettychat.server.pipeline;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.Bye;
import org.nettychat.server.admin.ServerMetrics;

/**
 * Keeps a client that stops reading from costing the server unbounded memory. When the channel stays unwritable (over
 * the high water mark) for longer than the timeout, or its queued bytes reach a hard cap, it is disconnected with
 * reason {@code slow-consumer}; what is written to it meanwhile beyond the cap is dropped.
 */
final class SlowConsumerGuard extends ChannelDuplexHandler {

    static final String NAME = "slow-consumer";

    private final long timeoutNanos;
    private final long maxQueuedBytes;
    private final ServerMetrics metrics;
    private ScheduledFuture<?> deadline;
    private boolean disconnected;

    SlowConsumerGuard(long timeoutNanos, long maxQueuedBytes, ServerMetrics metrics) {
        this.timeoutNanos = timeoutNanos;
        this.maxQueuedBytes = maxQueuedBytes;
        this.metrics = metrics;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (disconnected) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        ChannelOutboundBuffer queue = ctx.channel().unsafe().outboundBuffer();
        if (queue != null && queue.totalPendingWriteBytes() >= maxQueuedBytes) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            disconnect(ctx);
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable()) {
            if (deadline == null) {
                deadline = ctx.executor().schedule(() -> {
                    if (!ctx.channel().isWritable()) {
                        disconnect(ctx);
                    }
                }, timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } else if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private void disconnect(ChannelHandlerContext ctx) {
        if (disconnected) {
            return;
        }
        disconnected = true;
        metrics.slowConsumerDisconnect();
        // Best effort: the bye queues behind what the client did not read, and the close discards both.
        Replies.byeAndClose(ctx, Bye.SLOW_CONSUMER);
        ctx.close();
    }
}
