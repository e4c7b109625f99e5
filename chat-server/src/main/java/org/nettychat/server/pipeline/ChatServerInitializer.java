package org.nettychat.server.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import io.netty.channel.group.ChannelGroup;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatMessageDecoder;
import org.nettychat.protocol.codec.ChatMessageEncoder;
import org.nettychat.server.ServerConfig;
import org.nettychat.server.admin.ServerMetrics;
import org.nettychat.server.auth.Authenticator;
import org.nettychat.server.backplane.Backplane;

/** Builds the pipeline of every client connection, from the socket up to the session. */
public final class ChatServerInitializer extends ChannelInitializer<Channel> {

    private final ServerConfig config;
    private final Backplane backplane;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final ConnectionLimiter limiter;
    private final long maxQueuedBytes;
    private final long halfIdleNanos;
    private final ChannelFutureListener countClosed;
    private final ExceptionHandler exceptionHandler;
    private final ChannelGroup clients;
    private final BooleanSupplier draining;
    private final TrustedProxies proxies;
    private final Authenticator authenticator;
    private final SslContext tls;

    /**
     * @param maxQueuedBytes bytes queued for one client at which it is cut off at once as a slow consumer
     * @param clients        every accepted connection is added here, for shutdown
     * @param draining       while true, new connections get {@code bye drain} and are closed
     * @param authenticator  checks the passwords of names that have accounts
     * @param tls            the TLS context of the chat port, or null for plain TCP
     */
    public ChatServerInitializer(ServerConfig config, Backplane backplane, ServerMetrics metrics, Clock clock,
            long maxQueuedBytes, ChannelGroup clients, BooleanSupplier draining, Authenticator authenticator,
            SslContext tls) {
        this.authenticator = authenticator;
        this.tls = tls;
        this.clients = clients;
        this.draining = draining;
        this.proxies = TrustedProxies.parse(config.proxyProtocolFrom());
        this.config = config;
        this.backplane = backplane;
        this.metrics = metrics;
        this.clock = clock;
        this.maxQueuedBytes = maxQueuedBytes;
        this.limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerIp());
        this.halfIdleNanos = Math.max(1, config.idleTimeout().toNanos() / 2);
        this.countClosed = f -> metrics.connectionClosed();
        this.exceptionHandler = new ExceptionHandler(metrics);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        clients.add(ch);
        if (draining.getAsBoolean()) {
            p.addLast(ChatMessageEncoder.NAME, ChatMessageEncoder.INSTANCE);
            ch.writeAndFlush(new Bye(Bye.DRAIN)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (proxies.trusts(ch.remoteAddress())) {
            // A trusted load balancer first names the real client in a PROXY header; admission waits for it.
            p.addLast("proxy-decoder", new HAProxyMessageDecoder());
            p.addLast(ProxyHeaderHandler.NAME, new ProxyHeaderHandler(config.helloTimeout(), this::admit));
            return;
        }
        admit(ch, ch.remoteAddress() instanceof InetSocketAddress socket ? socket : null);
    }

    /** Admits a connection from {@code client} under the connection limits and builds its chat pipeline. */
    private void admit(Channel ch, InetSocketAddress client) {
        ChannelPipeline p = ch.pipeline();
        ClientAddress.set(ch, client);
        String refused = limiter.tryAdmit(ch, client == null ? null : client.getAddress());
        if (refused != null) {
            metrics.connectionRefused();
            metrics.error(ErrorCode.SERVER_FULL);
            p.addLast(ChatMessageEncoder.NAME, ChatMessageEncoder.INSTANCE);
            ch.writeAndFlush(ErrorMessage.of(ErrorCode.SERVER_FULL, refused, null))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        metrics.connectionOpened();
        ch.closeFuture().addListener(countClosed);

        if (tls != null) {
            // TLS below everything else (a PROXY header, when trusted, came before it in clear).
            p.addLast("tls", tls.newHandler(ch.alloc()));
        }
        // Cut off clients that stop reading before they cost unbounded memory; rooms' broadcasts enter here. It also
        // counts bytes both ways and the frames of replies and broadcasts.
        p.addLast(SlowConsumerGuard.NAME,
                new SlowConsumerGuard(config.slowConsumerTimeout().toNanos(), maxQueuedBytes, metrics));
        // Bytes to frames, limits checked from the headers; a frame's USER must be empty or the sender's own name.
        p.addLast(ChatFrameDecoder.NAME, new ServerFrameDecoder(config.maxBodyBytes()));
        // Typed messages to frames.
        p.addLast(ChatMessageEncoder.NAME, ChatMessageEncoder.INSTANCE);
        // Frames to typed messages (plain text becomes a say).
        p.addLast(ChatMessageDecoder.NAME, ChatMessageDecoder.SERVER_SIDE);
        // Ping after half the idle timeout of silence, close after the rest.
        p.addLast(IdleHandler.NAME, new IdleHandler(metrics, halfIdleNanos));
        // Hello first, within the hello timeout; removes itself after login.
        p.addLast(LoginHandler.NAME, new LoginHandler(config, backplane, metrics, authenticator));
        // The logged-in user's requests.
        p.addLast(SessionHandler.NAME, new SessionHandler(config, backplane, metrics, clock));
        // Every failure becomes an error frame.
        p.addLast(ExceptionHandler.NAME, exceptionHandler);
    }
}
