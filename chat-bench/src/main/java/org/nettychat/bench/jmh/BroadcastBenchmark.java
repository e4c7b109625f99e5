package org.nettychat.bench.jmh;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.codec.ChatMessageEncoder;
import org.nettychat.server.room.Room;
import org.nettychat.server.room.Rooms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The broadcast path on one event loop, over in-memory (local transport) channels whose peers drop what they read:
 * the server's {@link Room#say} (lock, id, history, encode once, one task per loop and batch, a retained duplicate
 * per member), and the bare encode-once-and-write loop without the room. One operation is one message to every
 * member.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BroadcastBenchmark {

    /** Says per {@link #roomSayBurst} invocation. */
    static final int BURST = 32;

    @Param({"200", "500"})
    public int members;

    private EventLoopGroup group;
    private EventLoop loop;
    private Channel server;
    private final List<Channel> channels = new ArrayList<>();
    private Room room;
    private Channel[] targets;
    private long ts;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        loop = group.next();
        LocalAddress address = new LocalAddress("broadcast-" + UUID.randomUUID());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new Drop()).bind(address).sync().channel();
        Rooms rooms = new Rooms(100, Long.MAX_VALUE, 0, 10);
        for (int i = 0; i < members; i++) {
            Channel channel = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(address).sync().channel();
            channels.add(channel);
            rooms.join("bench", channel, "u" + i, null, ByteBufAllocator.DEFAULT);
        }
        room = rooms.find("bench").orElseThrow();
        targets = channels.toArray(new Channel[0]);
        loop.submit(() -> { }).sync();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channels.forEach(Channel::close);
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The server's path: {@code Room.say} from another thread, waiting until the loop has written it. */
    @Benchmark
    public long roomSay() throws InterruptedException {
        long id = room.say("alice", Samples.TEXT, null, ++ts, ByteBufAllocator.DEFAULT);
        loop.submit(() -> { }).sync();
        return id;
    }

    /**
     * The server's path under load: {@value #BURST} says queued before the loop writes them, so they go out as one
     * joined buffer per member. Scored per message.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long roomSayBurst() throws InterruptedException {
        long id = 0;
        for (int i = 0; i < BURST; i++) {
            id = room.say("alice", Samples.TEXT, null, ++ts, ByteBufAllocator.DEFAULT);
        }
        loop.submit(() -> { }).sync();
        return id;
    }

    /** Encode once on the loop, then a retained duplicate per member with a void promise. */
    @Benchmark
    public void encodeOnceWriteAll() throws InterruptedException {
        loop.submit(() -> {
            ByteBuf encoded = ChatMessageEncoder.encode(ByteBufAllocator.DEFAULT, Samples.LINE);
            try {
                for (Channel target : targets) {
                    target.writeAndFlush(encoded.retainedDuplicate(), target.voidPromise());
                }
            } finally {
                encoded.release();
            }
        }).sync();
    }

    /** Drops everything the members' peers read. */
    private static final class Drop extends ChannelInboundHandlerAdapter {
        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
