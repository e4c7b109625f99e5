package org.nettychat.server.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.nettychat.server.admin.ServerMetrics;

/**
 * Counts bytes in, and bytes and messages out (one per frame written). Rooms' broadcasts enter the pipeline below it
 * and are counted by {@link SlowConsumerGuard}, per recipient too.
 */
@Sharable
final class TrafficCounter extends ChannelDuplexHandler {

    static final String NAME = "traffic";

    private final ServerMetrics metrics;

    TrafficCounter(ServerMetrics metrics) {
        this.metrics = metrics;
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
        if (msg instanceof ByteBuf buf) {
            metrics.bytesOut(buf.readableBytes());
            metrics.messagesOut(1);
        }
        ctx.write(msg, promise);
    }
}
