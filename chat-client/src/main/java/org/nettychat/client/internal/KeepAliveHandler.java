package org.nettychat.client.internal;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.nettychat.protocol.Ping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on the idle handler's events: pings the server when this side has sent nothing for a while, and closes a
 * connection on which nothing at all arrived for longer (the server answers every ping, so it is dead), which lets the
 * watchdog reconnect.
 */
@Sharable
final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

    /** Name of this handler in a pipeline. */
    static final String NAME = "keep-alive";

    /** The one instance; it keeps no state. */
    static final KeepAliveHandler INSTANCE = new KeepAliveHandler();

    /** Ref of keep-alive pings; no request ref looks like it, so their pongs are told apart. */
    static final String PING_REF = "keepalive";

    private static final Logger LOG = LoggerFactory.getLogger(KeepAliveHandler.class);

    private KeepAliveHandler() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new Ping(PING_REF));
            } else if (idle.state() == IdleState.READER_IDLE) {
                LOG.debug("Nothing received from the server for too long; closing {}", ctx.channel());
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }
}
