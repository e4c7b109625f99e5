package org.nettychat.client.testserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatMessageDecoder;
import org.nettychat.protocol.codec.ChatMessageEncoder;

/**
 * A small chat server on 127.0.0.1 for client tests, built on the protocol codecs. It can stop and start again on the
 * same port with its rooms' history and say refs kept, drain, hold back says or acks, and post messages itself, all
 * on one event loop thread.
 */
public final class FakeChatServer implements AutoCloseable {

    /** The fake keeps its history across restarts, so its epoch never changes. */
    public static final String EPOCH = "fake";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final FakeRooms state = new FakeRooms();
    private final ChannelGroup clients = new DefaultChannelGroup(group.next());
    private final List<ClientMessage> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean holdSays;
    private volatile boolean dropAcks;
    private volatile int maxBodyBytes = ChatProtocol.DEFAULT_MAX_BODY_BYTES;
    private volatile boolean refuseLogins;
    private volatile Integer announcedRate;
    private volatile String motd;
    private volatile String byeInsteadOfWelcome;
    private final java.util.concurrent.atomic.AtomicInteger saysToRefuse = new java.util.concurrent.atomic.AtomicInteger();
    private Channel serverChannel;
    private int port;

    private SslContext tls;

    private FakeChatServer() {
    }

    /** A server listening on a free port. */
    public static FakeChatServer start() {
        return startTls(null);
    }

    /** A server speaking TLS with {@code tls} (null: plain TCP) on a free port. */
    public static FakeChatServer startTls(SslContext tls) {
        FakeChatServer server = new FakeChatServer();
        server.tls = tls;
        server.bind(0);
        return server;
    }

    public int port() {
        return port;
    }

    /** Closes the listening socket and every connection; history and say refs are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        clients.close().syncUninterruptibly();
    }

    /** Listens again on the same port. */
    public synchronized void restart() {
        bind(port);
    }

    /** Tells every client {@code bye} with reason drain and closes their connections, but keeps listening. */
    public void drain() {
        clients.writeAndFlush(new Bye(Bye.DRAIN)).addListener(future -> clients.close());
    }

    /** Sends a ping with {@code ref} to every client, as the server does when a client is idle. */
    public void pingAll(String ref) {
        clients.writeAndFlush(new Ping(ref));
    }

    /** Closes every client connection without a word, but keeps listening. */
    public void dropConnections() {
        clients.close().syncUninterruptibly();
    }

    /** Adds a message to {@code room} as if {@code from} had said it, even while stopped; returns it. */
    public ChatLine post(String room, String from, String text) {
        return onLoop(() -> {
            ChatLine line = state.append(room, from, text);
            state.room(room).members.forEach(member -> member.send(line));
            return line;
        });
    }

    /** When set, says are recorded but neither carried out nor acknowledged. */
    public void holdSays(boolean hold) {
        holdSays = hold;
    }

    /** When set, says are carried out but not acknowledged. */
    public void dropAcks(boolean drop) {
        dropAcks = drop;
    }

    /** The rate limit announced in welcome ({@code burst} twice the rate); null announces none. */
    public void announceRate(Integer rate) {
        announcedRate = rate;
    }

    Integer announcedRate() {
        return announcedRate;
    }

    /** The message of the day announced in welcome; null announces none. */
    public void motd(String text) {
        motd = text;
    }

    String motd() {
        return motd;
    }

    /** When set, every hello is answered with {@code bye} of this reason and the connection closed. */
    public void byeInsteadOfWelcome(String reason) {
        byeInsteadOfWelcome = reason;
    }

    String byeInsteadOfWelcome() {
        return byeInsteadOfWelcome;
    }

    /** The next {@code count} says are refused with {@code rate-limited}, as a server whose bucket is empty does. */
    public void refuseSays(int count) {
        saysToRefuse.set(count);
    }

    /** When set, every hello is refused with {@code auth-failed}, which closes the connection. */
    public void refuseLogins(boolean refuse) {
        refuseLogins = refuse;
    }

    /** The largest body announced in welcome. */
    public void maxBodyBytes(int bytes) {
        maxBodyBytes = bytes;
    }

    /** Every message clients sent, in arrival order. */
    public List<ClientMessage> received() {
        return List.copyOf(received);
    }

    /** How many connections were accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    /** The names of the members of {@code room} right now. */
    public List<String> members(String room) {
        return onLoop(() -> state.room(room).members.stream().map(FakeServerHandler::name).toList());
    }

    @Override
    public void close() {
        stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    boolean holdsSays() {
        return holdSays;
    }

    boolean dropsAcks() {
        return dropAcks;
    }

    /** Whether this say is one to refuse for the rate limit; counts it. */
    boolean refusesSay() {
        return saysToRefuse.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    boolean refusesLogins() {
        return refuseLogins;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    void record(ClientMessage message) {
        received.add(message);
    }

    private void bind(int requestedPort) {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        clients.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast(ChatFrameDecoder.NAME, new ChatFrameDecoder())
                                .addLast(ChatMessageDecoder.NAME, ChatMessageDecoder.SERVER_SIDE)
                                .addLast(ChatMessageEncoder.NAME, ChatMessageEncoder.INSTANCE)
                                .addLast("fake-server", new FakeServerHandler(FakeChatServer.this, state));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", requestedPort))
                .syncUninterruptibly()
                .channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    private <T> T onLoop(Callable<T> task) {
        return group.next().submit(task).syncUninterruptibly().getNow();
    }
}
