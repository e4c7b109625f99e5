package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatFrameEncoder;
import org.nettychat.protocol.codec.ChatMessageDecoder;
import org.nettychat.protocol.codec.ChatMessageEncoder;

/**
 * A frame-level test client: sends typed messages, raw frames or raw bytes, and queues what the server sends so a test
 * can wait for it with a timeout.
 */
final class TestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final EventLoopGroup GROUP =
            new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    private final Channel channel;
    private final BlockingQueue<ServerMessage> received;

    private TestClient(Channel channel, BlockingQueue<ServerMessage> received) {
        this.channel = channel;
        this.received = received;
    }

    static TestClient connect(InetSocketAddress address) throws InterruptedException {
        return connect(address, true);
    }

    /** With {@code autoRead} false the client reads nothing: a slow consumer. */
    static TestClient connect(InetSocketAddress address, boolean autoRead) throws InterruptedException {
        return connect(address, autoRead, null);
    }

    /** Over TLS, verifying the server as {@code localhost} against {@code tls}'s trust. */
    static TestClient connectTls(InetSocketAddress address, SslContext tls) throws InterruptedException {
        return connect(address, true, tls);
    }

    private static TestClient connect(InetSocketAddress address, boolean autoRead, SslContext tls)
            throws InterruptedException {
        BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
        Channel ch = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, autoRead)
                .option(ChannelOption.SO_RCVBUF, autoRead ? 65536 : 4096)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        if (tls != null) {
                            c.pipeline().addLast(tls.newHandler(c.alloc(), "localhost", address.getPort()));
                        }
                        c.pipeline().addLast(new ChatFrameDecoder(64 * 1024 * 1024), ChatFrameEncoder.INSTANCE,
                                ChatMessageEncoder.INSTANCE, ChatMessageDecoder.CLIENT_SIDE,
                                new SimpleChannelInboundHandler<ServerMessage>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ServerMessage msg) {
                                        received.add(msg);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        // Tests observe failures as a closed connection.
                                        ctx.close();
                                    }
                                });
                    }
                })
                .connect(address).sync().channel();
        return new TestClient(ch, received);
    }

    /** Connects, logs in as {@code name} and consumes the welcome and the lobby's joined + history. */
    static TestClient login(InetSocketAddress address, String name) throws InterruptedException {
        TestClient client = connect(address);
        client.send(Hello.of(name));
        client.expect(Welcome.class);
        client.expect(Joined.class);
        client.expect(History.class);
        return client;
    }

    void send(ClientMessage message) {
        channel.writeAndFlush(message).syncUninterruptibly();
    }

    /** Sends without waiting for the write, for floods that the server may cut off. */
    void sendWithoutWaiting(ClientMessage message) {
        channel.writeAndFlush(message);
    }

    void sendFrame(String user, String body) {
        channel.writeAndFlush(new ChatFrame(user, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)))
                .syncUninterruptibly();
    }

    void sendRaw(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        channel.writeAndFlush(buf).syncUninterruptibly();
    }

    /** Sends bytes without waiting for the write, for floods that the server may cut off. */
    void sendRawWithoutWaiting(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** The next message, which must be of type {@code type}. */
    <T extends ChatMessage> T expect(Class<T> type) throws InterruptedException {
        ServerMessage next = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(next).as("next message, expecting %s", type.getSimpleName()).isInstanceOf(type);
        return type.cast(next);
    }

    /** Skips messages until one of type {@code type} arrives. */
    <T extends ChatMessage> T awaitMessage(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerMessage next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (type.isInstance(next)) {
                return type.cast(next);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + TIMEOUT);
    }

    ErrorMessage expectError(String code) throws InterruptedException {
        ErrorMessage error = expect(ErrorMessage.class);
        assertThat(error.code()).isEqualTo(code);
        return error;
    }

    /** The next message if one arrives within {@code wait}, else null. */
    ServerMessage poll(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean awaitClosed() {
        return channel.closeFuture().awaitUninterruptibly(TIMEOUT.toMillis());
    }

    boolean isOpen() {
        return channel.isActive();
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
