package org.nettychat.client.internal;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;

/** Answers the server's pings with a pong carrying the same ref, before and after login, as the protocol requires. */
@Sharable
final class PingResponder extends SimpleChannelInboundHandler<Ping> {

    /** Name of this handler in a pipeline. */
    static final String NAME = "ping-responder";

    /** The one instance; it keeps no state. */
    static final PingResponder INSTANCE = new PingResponder();

    private PingResponder() {
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Ping ping) {
        ctx.writeAndFlush(new Pong(ping.ref()));
    }
}
