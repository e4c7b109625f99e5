package org.nettychat.server.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.codec.ChatMessageEncoder;
import org.nettychat.server.admin.ServerMetrics;
import org.nettychat.server.room.Recipient;

/**
 * Keeps a client that stops reading from costing the server unbounded memory. When the channel stays unwritable (over
 * the high water mark) for longer than the timeout, or its queued bytes reach a hard cap, it is disconnected with
 * reason {@code slow-consumer}; what is written to it meanwhile beyond the cap is dropped.
 *
 * <p>It is also the channel's {@link Recipient}: rooms write their already encoded frames here, so they pass only the
 * handlers below it on their way to the socket, and are counted here, once per write. And it counts the connection's
 * other traffic: bytes read, and the bytes and frames of the replies written from above (one context per connection
 * fewer than a counter of its own).
 */
final class SlowConsumerGuard extends ChannelDuplexHandler implements Recipient {

    static final String NAME = "slow-consumer";

    private final long timeoutNanos;
    private final long maxQueuedBytes;
    private final ServerMetrics metrics;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;
    private boolean disconnected;

    SlowConsumerGuard(long timeoutNanos, long maxQueuedBytes, ServerMetrics metrics) {
        this.timeoutNanos = timeoutNanos;
        this.maxQueuedBytes = maxQueuedBytes;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesIn(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (accepts()) {
            if (msg instanceof ByteBuf buf) {
                metrics.bytesOut(buf.readableBytes());
                metrics.messagesOut(1);
            }
            ctx.write(msg, promise);
        } else {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
        }
    }

    @Override
    public Channel channel() {
        return ctx.channel();
    }

    @Override
    public void deliver(ByteBuf frames, int count) {
        if (ctx.channel().isActive() && accepts()) {
            metrics.bytesOut(frames.readableBytes());
            metrics.messagesOut(count);
            ctx.write(frames, ctx.voidPromise());
        } else {
            frames.release();
        }
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    /** Whether a write may be queued: false once cut off, and it cuts the client off when its queue is full. */
    private boolean accepts() {
        if (disconnected) {
            return false;
        }
        ChannelOutboundBuffer queue = ctx.channel().unsafe().outboundBuffer();
        if (queue != null && queue.totalPendingWriteBytes() >= maxQueuedBytes) {
            disconnect(ctx);
            return false;
        }
        return true;
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
        // Best effort: the bye queues behind what the client did not read, and the close discards both. The guard
        // sits below the message encoder, so it writes the bye's bytes.
        ctx.writeAndFlush(ChatMessageEncoder.encode(ctx.alloc(), new Bye(Bye.SLOW_CONSUMER)));
        ctx.close();
    }
}
