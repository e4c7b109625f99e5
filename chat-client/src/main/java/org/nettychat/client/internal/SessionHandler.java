package org.nettychat.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.channel.SimpleChannelInboundHandler;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.codec.ChatCodecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the server's messages to the session and tells it when the connection is lost. A message this client cannot
 * decode is skipped when the frame stream is intact (a newer server may send new types); otherwise the connection is
 * closed, and the watchdog reconnects.
 */
final class SessionHandler extends SimpleChannelInboundHandler<ServerMessage> {

    /** Name of this handler in a pipeline. */
    static final String NAME = "session";

    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final SessionCore core;

    SessionHandler(SessionCore core) {
        this.core = core;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ServerMessage message) {
        core.received(ctx.channel(), message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        core.connectionLost(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ChatCodecException e && !e.code().closesConnection()) {
            LOG.warn("Skipping a message from the server that this client cannot read: {}", e.getMessage());
            return;
        }
        LOG.warn("Closing the connection to {} after an error", ctx.channel().remoteAddress(), cause);
        core.connectionFailed(ctx.channel(), cause instanceof DecoderException && cause.getCause() != null
                ? cause.getCause() : cause);
    }
}
