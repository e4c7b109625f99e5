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
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.nettychat.server.pipeline.ConnectionLimiter;

/**
 * The pipeline of an admin connection. Idle connections are closed after the idle timeout, and at most
 * {@value #MAX_CONNECTIONS} are held at once, {@value #MAX_CONNECTIONS_PER_ADDRESS} from one address: one more is
 * answered {@code 503} and closed. So the admin port cannot be made to hold sockets without bound, and one address
 * cannot take all of it from the health checks.
 */
public final class AdminInitializer extends ChannelInitializer<Channel> {

    /** Admin connections held at once: far more than health checks and scrapers need. */
    public static final int MAX_CONNECTIONS = 64;
    /** Admin connections held at once from one address. */
    public static final int MAX_CONNECTIONS_PER_ADDRESS = 16;

    private final Duration idleTimeout;
    private final AdminHandler handler;
    private final ConnectionLimiter limiter = new ConnectionLimiter(MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS);

    public AdminInitializer(Duration idleTimeout, AdminHandler handler) {
        this.idleTimeout = idleTimeout;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        String refused = limiter.tryAdmit(ch, ((InetSocketAddress) ch.remoteAddress()).getAddress());
        if (refused != null) {
            FullHttpResponse refusal = AdminHandler.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "admin port: " + refused + "\n", HttpHeaderValues.TEXT_PLAIN.toString());
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
