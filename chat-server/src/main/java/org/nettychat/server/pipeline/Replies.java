package org.nettychat.server.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;
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
    /** The longest a connection on its way out is kept open for its last frame to be read. */
    static final long LINGER_MILLIS = 2_000;

    private Replies() {
    }

    static void error(ChannelHandlerContext ctx, ServerMetrics metrics, ErrorCode code, String text, String ref) {
        if (isClosing(ctx.channel())) {
            return;
        }
        metrics.error(code);
        if (code.closesConnection()) {
            markClosing(ctx.channel());
            closeAfter(ctx.writeAndFlush(ErrorMessage.of(code, text, ref)));
        } else {
            ctx.writeAndFlush(ErrorMessage.of(code, text, ref), ctx.voidPromise());
        }
    }

    static void byeAndClose(ChannelHandlerContext ctx, String reason) {
        if (isClosing(ctx.channel())) {
            return;
        }
        markClosing(ctx.channel());
        closeAfter(ctx.writeAndFlush(new Bye(reason)));
    }

    /**
     * Closes once {@code last} is written, without losing it: closing a socket that still has unread input makes the
     * kernel send a reset, and the client would lose the error or bye. So the output is shut down (the client reads
     * everything, then end of stream), input is read and ignored, and the connection is closed when the client closes
     * its side, or after {@link #LINGER_MILLIS} at the latest.
     */
    private static void closeAfter(ChannelFuture last) {
        last.addListener(written -> {
            Channel channel = last.channel();
            if (channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput();
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }

    /** Whether the connection is on its way out: its input is ignored from then on. */
    static boolean isClosing(Channel channel) {
        return channel.hasAttr(CLOSING) || !channel.isActive();
    }

    private static void markClosing(Channel channel) {
        channel.attr(CLOSING).set(Boolean.TRUE);
    }
}
