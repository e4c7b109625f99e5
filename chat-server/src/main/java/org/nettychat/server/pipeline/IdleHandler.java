package org.nettychat.server.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.Ping;
import org.nettychat.server.admin.ServerMetrics;

/**
 * Acts on the reader-idle events of the {@code IdleStateHandler} before it, which fire after half the idle timeout of
 * silence: the first pings the client, the next (still nothing received) says bye and closes.
 */
@Sharable
final class IdleHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "idle";
    static final String PING_REF = "idle";

    private final ServerMetrics metrics;

    IdleHandler(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent idle)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (idle.isFirst()) {
            ctx.writeAndFlush(new Ping(PING_REF), ctx.voidPromise());
        } else {
            metrics.idleDisconnect();
            Replies.byeAndClose(ctx, Bye.IDLE_TIMEOUT);
        }
    }
}
