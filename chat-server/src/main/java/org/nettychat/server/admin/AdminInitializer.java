package org.nettychat.server.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.nettychat.server.pipeline.ConnectionLimiter;

/**
 * The pipeline of an admin connection. Idle connections are closed after the idle timeout, and at most
 * {@value #MAX_CONNECTIONS} are held at once: one more is answered {@code 503} and closed, so that the admin port
 * cannot be made to hold sockets without bound.
 */
public final class AdminInitializer extends ChannelInitializer<Channel> {

    /** Admin connections held at once: far more than health checks and scrapers need. */
    public static final int MAX_CONNECTIONS = 64;

    private final Duration idleTimeout;
    private final AdminHandler handler;
    private final ConnectionLimiter limiter = new ConnectionLimiter(MAX_CONNECTIONS, MAX_CONNECTIONS);

    public AdminInitializer(Duration idleTimeout, AdminHandler handler) {
        this.idleTimeout = idleTimeout;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (limiter.tryAdmit(ch, null) != null) {
            FullHttpResponse refusal = AdminHandler.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too many admin connections\n", HttpHeaderValues.TEXT_PLAIN.toString());
            refusal.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ch.pipeline().addLast(new HttpResponseEncoder());
            ch.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // A peer silent for the idle timeout is closed, so idle peers cannot hold sockets.
        ch.pipeline().addLast(new ReadTimeoutHandler(idleTimeout.toNanos(), TimeUnit.NANOSECONDS),
                new HttpServerCodec(), new HttpObjectAggregator(4096), handler);
    }
}
