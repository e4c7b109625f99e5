package org.nettychat.server.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.codec.ChatCodecException;
import org.nettychat.protocol.codec.ChatFrame;

/**
 * Refuses frames whose USER names anyone but the logged-in sender (no impersonation). Before login the message decoder
 * checks the USER of {@code hello} against the name it asks for.
 */
@Sharable
final class SenderCheck extends ChannelInboundHandlerAdapter {

    static final String NAME = "sender-check";
    static final SenderCheck INSTANCE = new SenderCheck();

    private SenderCheck() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ChatFrame frame && !frame.user().isEmpty()) {
            Session session = ctx.channel().attr(Session.KEY).get();
            if (session != null && !session.name().equals(frame.user())) {
                String claimed = frame.user();
                frame.release();
                throw new ChatCodecException(ErrorCode.IMPERSONATION,
                        "frame user " + claimed + " is not you (" + session.name() + ")");
            }
        }
        ctx.fireChannelRead(msg);
    }
}
