package org.nettychat.server.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.codec.ChatCodecException;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatFrameDecoder;

/**
 * The server's frame decoder: also refuses a frame whose USER names anyone but the logged-in sender (no
 * impersonation). Before login the message decoder checks the USER of {@code hello} against the name it asks for.
 */
final class ServerFrameDecoder extends ChatFrameDecoder {

    private Channel channel;

    ServerFrameDecoder(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.handlerAdded(ctx);
    }

    @Override
    protected Object frame(ByteBuf in, int userIndex, int userLength, int bodyIndex, int bodyLength) {
        ChatFrame frame = (ChatFrame) super.frame(in, userIndex, userLength, bodyIndex, bodyLength);
        if (!frame.user().isEmpty()) {
            Session session = channel.attr(Session.KEY).get();
            if (session != null && !session.name().equals(frame.user())) {
                frame.release();
                throw new ChatCodecException(ErrorCode.IMPERSONATION,
                        "frame user " + frame.user() + " is not you (" + session.name() + ")");
            }
        }
        return frame;
    }
}
