package org.nettychat.server.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.codec.ChatCodecException;
import org.nettychat.server.admin.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of the pipeline: turns every failure into the documented error frame (closing the connection when the
 * code says so) instead of letting Netty's tail log and drop it.
 */
@Sharable
final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "exceptions";

    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    private final ServerMetrics metrics;

    ExceptionHandler(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChatCodecException protocolError = protocolError(cause);
        if (protocolError != null) {
            log.debug("{} protocol error {}: {}", ClientAddress.of(ctx.channel()), protocolError.code().wireName(),
                    protocolError.getMessage());
            // A malformed frame that leaves the connection open costs a token like any other frame.
            RateLimiter limiter = rateLimiter(ctx);
            if (protocolError.code().closesConnection() || limiter == null
                    || Admission.admit(ctx, limiter, metrics, null)) {
                Replies.error(ctx, metrics, protocolError.code(), protocolError.getMessage(), null);
            }
        } else if (tlsFailure(cause)) {
            // A client that cannot or will not speak TLS: nothing can be said to it in clear.
            log.debug("{} TLS failure: {}", ClientAddress.of(ctx.channel()), cause.toString());
            ctx.close();
        } else if (cause instanceof IOException) {
            log.debug("{} connection error: {}", ClientAddress.of(ctx.channel()), cause.toString());
            ctx.close();
        } else {
            log.warn("{} unexpected failure, closing", ClientAddress.of(ctx.channel()), cause);
            Replies.error(ctx, metrics, ErrorCode.INTERNAL, "internal server error", null);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Every message type has a handler before this one; anything that gets here is a bug, not client input.
        io.netty.util.ReferenceCountUtil.release(msg);
        log.warn("{} unhandled message {}", ClientAddress.of(ctx.channel()), msg.getClass().getSimpleName());
        Replies.error(ctx, metrics, ErrorCode.INTERNAL, "internal server error", null);
    }

    /** The connection's rate limit: its session's, or before login its login handler's. */
    private static RateLimiter rateLimiter(ChannelHandlerContext ctx) {
        Session session = ctx.channel().attr(Session.KEY).get();
        if (session != null) {
            return session.rateLimiter();
        }
        LoginHandler login = ctx.pipeline().get(LoginHandler.class);
        return login == null ? null : login.rateLimiter();
    }

    private static boolean tlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private static ChatCodecException protocolError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ChatCodecException e) {
                return e;
            }
            if (!(t instanceof DecoderException)) {
                return null;
            }
        }
        return null;
    }
}
