package org.nettychat.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.nettychat.server.auth.Accounts;
import org.nettychat.server.auth.Authenticator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.codec.ChatMessageEncoder;
import org.nettychat.server.admin.AdminHandler;
import org.nettychat.server.admin.AdminInitializer;
import org.nettychat.server.admin.ServerMetrics;
import org.nettychat.server.backplane.Backplane;
import org.nettychat.server.backplane.LocalBackplane;
import org.nettychat.server.backplane.RedisBackplane;
import org.nettychat.server.pipeline.ChatServerInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A chat server: binds the chat and admin ports on {@link #start()}, says bye to everyone on {@link #stop()}. */
public final class ChatServer implements AutoCloseable {

    /** A client's queued output above which it is unwritable (and its slow-consumer clock starts). */
    public static final int HIGH_WATER_MARK = 1024 * 1024;
    /** A client's queued output below which it is writable again. */
    public static final int LOW_WATER_MARK = 512 * 1024;
    /** Queued output at which a client is cut off at once, whatever the timeout. */
    public static final long MAX_QUEUED_BYTES = 4L * HIGH_WATER_MARK;
    /** How long {@link #stop()} waits for clients to receive their bye. */
    static final Duration BYE_GRACE = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);

    private final ServerConfig config;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Backplane backplane;
    private final Authenticator authenticator;
    private final SslContext tls;
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean draining;
    private String transport;
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private Channel chatChannel;
    private Channel adminChannel;

    /**
     * @throws IllegalArgumentException when the users file or the TLS files cannot be read or are malformed
     */
    public ChatServer(ServerConfig config) {
        this.config = config;
        Accounts accounts = config.usersFile().isEmpty() ? Accounts.none() : Accounts.load(Path.of(config.usersFile()));
        this.authenticator = new Authenticator(accounts);
        if (!config.usersFile().isEmpty()) {
            log.info("users file {}: {} accounts", config.usersFile(), accounts.size());
        }
        this.tls = config.tls() ? ServerTls.context(config.tlsCert(), config.tlsKey()) : null;
        this.backplane = config.clustered()
                ? RedisBackplane.connect(new RedisBackplane.Settings(config.redis(), config.nodeId(),
                        config.nodeTtl(), config.historyLength(), config.noticeLimit(), config.maxRooms()),
                        metrics, Clock.systemUTC())
                : new LocalBackplane(config.historyLength(), config.historyMemoryBytes(), config.noticeLimit(),
                        config.maxRooms(), metrics, Clock.systemUTC());
        metrics.gauges(backplane::localRooms, backplane::localUsers, backplane::localHistoryBytes,
                backplane::isAvailable);
    }

    /** Binds the ports and starts serving; returns this server. */
    public ChatServer start() throws InterruptedException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        Transport transport = Transport.choose(config.transport());
        log.info("transport: {} ({})", transport.name(), transport.reason());
        this.transport = transport.name();
        acceptors = transport.newGroup(1, "chat-accept");
        workers = transport.newGroup(config.effectiveIoThreads(), "chat-io");
        try {
            chatChannel = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // One read-size policy for all connections: each keeps only its own handle.
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator())
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                    .childHandler(new ChatServerInitializer(config, backplane, metrics, Clock.systemUTC(),
                            MAX_QUEUED_BYTES, clients, () -> draining, authenticator, tls))
                    .bind(config.host(), config.port()).sync().channel();
            log.info("chat port: {}", port());
            if (config.adminPort() >= 0) {
                adminChannel = new ServerBootstrap()
                        .group(acceptors, workers)
                        .channel(transport.serverChannel())
                        .childHandler(new AdminInitializer(config.idleTimeout(), new AdminHandler(metrics,
                                () -> !draining && !stopped.get(), backplane::isAvailable, () -> drain())))
                        .bind(config.host(), config.adminPort()).sync().channel();
                log.info("admin port: {}", adminPort());
            }
        } catch (InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    /** The address the chat port is bound to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) chatChannel.localAddress();
    }

    /** The bound chat port. */
    public int port() {
        return address().getPort();
    }

    /** The bound admin port, or -1 when the admin port is off. */
    public int adminPort() {
        return adminChannel == null ? -1 : ((InetSocketAddress) adminChannel.localAddress()).getPort();
    }

    /** The event loop transport the started server runs on: "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    /** The server's metrics. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Moves every user off this node: each gets {@code bye} with reason {@code drain} (reconnect elsewhere) and is
     * disconnected; new connections get the same. {@code /health} answers 503 from now on.
     */
    public void drain() {
        draining = true;
        log.info("draining: {} connections", clients.size());
        sayByeToAll(Bye.DRAIN);
    }

    /** Stops accepting, says bye to everyone, closes every connection and releases the event loops; idempotent. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        log.info("stopping: {} connections", clients.size());
        if (chatChannel != null) {
            chatChannel.close().awaitUninterruptibly();
        }
        sayByeToAll(Bye.SHUTDOWN).awaitUninterruptibly(BYE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        clients.close().awaitUninterruptibly(BYE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        if (adminChannel != null) {
            adminChannel.close().awaitUninterruptibly();
        }
        backplane.close();
        authenticator.close();
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        log.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private io.netty.channel.group.ChannelGroupFuture sayByeToAll(String reason) {
        ByteBuf bye = ChatMessageEncoder.encode(ByteBufAllocator.DEFAULT, new Bye(reason));
        return clients.writeAndFlush(bye).addListener(f -> clients.close());
    }
}
