package org.nettychat.server.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.server.admin.ServerMetrics;

/**
 * Sends errors and byes the one documented way: count it, write it, and when it ends the connection, close once the
 * write is done and ignore whatever the client sends meanwhile.
 */
final class Replies {

    private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf(Replies.class, "closing");

    private Replies() {
    }

    static void error(ChannelHandlerContext ctx, ServerMetrics metrics, ErrorCode code, String text, String ref) {
        if (isClosing(ctx.channel())) {
            return;
        }
        metrics.error(code);
        if (code.closesConnection()) {
            markClosing(ctx.channel());
            ctx.writeAndFlush(ErrorMessage.of(code, text, ref)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(ErrorMessage.of(code, text, ref), ctx.voidPromise());
        }
    }

    static void byeAndClose(ChannelHandlerContext ctx, String reason) {
        if (isClosing(ctx.channel())) {
            return;
        }
        markClosing(ctx.channel());
        ctx.writeAndFlush(new Bye(reason)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Whether the connection is on its way out: its input is ignored from then on. */
    static boolean isClosing(Channel channel) {
        return channel.hasAttr(CLOSING) || !channel.isActive();
    }

    private static void markClosing(Channel channel) {
        channel.attr(CLOSING).set(Boolean.TRUE);
        channel.config().setAutoRead(false);
    }
}
