package org.nettychat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatMessageEncoder;

/**
 * Many benchmark connections on ONE shared event loop group: connects them with a bounded number in flight, logs each
 * in with {@code hello} (resuming straight into its room) and waits until it has joined. Closing the fleet closes every
 * connection and the group.
 */
final class ClientFleet implements AutoCloseable {

    /** One connection of the fleet. */
    record Member(int index, String name, String room, Channel channel) {
    }

    private final InetSocketAddress server;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Events events = new Events();
    private final Map<EventLoop, LoopStats> stats = new ConcurrentHashMap<>();
    private final List<Member> members = Collections.synchronizedList(new ArrayList<>());
    private final String transport;

    ClientFleet(InetSocketAddress server, int threads, GeneratorTransport transport) {
        this.server = server;
        GeneratorTransport resolved = transport.resolve();
        this.transport = resolved.label();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-io", true),
                resolved.ioHandlers());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(resolved.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                // Pooled buffers of any size: reads of a busy room's batches grow the decoder's cumulation past what
                // the adaptive allocator pools, and each fallback buffer is zeroed on allocation.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // Reads large enough to take a whole batch usually end on a frame boundary, so the decoder has no
                // partial frame to merge with the next read.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 256 * 1024))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    String transport() {
        return transport;
    }

    Events events() {
        return events;
    }

    /** Stats of every event loop that holds a connection. */
    List<LoopStats> loopStats() {
        return new ArrayList<>(stats.values());
    }

    /** The connections made so far, in index order of their connect. */
    List<Member> members() {
        synchronized (members) {
            return new ArrayList<>(members);
        }
    }

    /**
     * Connects {@code count} clients named {@code prefix + index}, client {@code i} into room {@code rooms.get(i)},
     * at most {@code inFlight} at once, and waits until each has joined or failed; bounded by {@code timeoutMillis}.
     *
     * @return how many joined
     */
    int connect(String prefix, List<String> rooms, int inFlight, long timeoutMillis, Progress progress)
            throws InterruptedException {
        Semaphore window = new Semaphore(inFlight);
        AtomicInteger joined = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < rooms.size(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !window.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            connectOne(i, prefix + i, rooms.get(i)).addListener(f -> {
                (f.isSuccess() ? joined : failed).incrementAndGet();
                window.release();
            });
            progress.maybe(() -> "connecting: " + joined.get() + " joined, " + failed.get() + " failed");
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            window.tryAcquire(inFlight, left, TimeUnit.NANOSECONDS);
        }
        return joined.get();
    }

    private Future<Void> connectOne(int index, String name, String room) {
        EventLoop loop = group.next();
        Promise<Void> ready = loop.newPromise();
        LoopStats loopStats = stats.computeIfAbsent(loop, LoopStats::new);
        ChannelFuture connect = bootstrap.clone(loop).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(ChatFrameDecoder.NAME, new StampCounter(loopStats));
                ch.pipeline().addLast(ChatMessageEncoder.NAME, ChatMessageEncoder.INSTANCE);
                ch.pipeline().addLast(BenchHandler.NAME, new BenchHandler(events, ready));
            }
        }).connect(server);
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                events.count("connect-failed:" + f.cause().getClass().getSimpleName());
                ready.tryFailure(f.cause());
                return;
            }
            Map<String, Long> resume = new LinkedHashMap<>();
            resume.put(room, 0L);
            f.channel().writeAndFlush(new Hello(name, null, resume, null), f.channel().voidPromise());
        });
        ready.addListener(f -> {
            if (f.isSuccess()) {
                members.add(new Member(index, name, room, connect.channel()));
            }
        });
        return ready;
    }

    /** Readies every loop's stats for {@code step}, on the loops themselves, and waits until they are. */
    void prepare(int step) {
        for (LoopStats loopStats : loopStats()) {
            onLoop(loopStats, () -> {
                loopStats.prepare(step);
                return null;
            });
        }
    }

    /** Adds up the counts of {@code step} over every loop, running the reads on the loops themselves. */
    LoopStats.StepCounts collect(int step, boolean withLatency) {
        LoopStats.StepCounts total = LoopStats.StepCounts.NONE;
        for (LoopStats loopStats : loopStats()) {
            total = total.plus(onLoop(loopStats, () -> loopStats.snapshot(step, withLatency)));
        }
        return total;
    }

    /** Runs {@code task} on the loop of {@code loopStats} and returns its result, waiting at most 10 s. */
    private static <T> T onLoop(LoopStats loopStats, Callable<T> task) {
        Future<T> result = loopStats.loop().submit(task);
        if (result.awaitUninterruptibly(10, TimeUnit.SECONDS) && result.isSuccess()) {
            return result.getNow();
        }
        throw new IllegalStateException("event loop did not answer within 10 s", result.cause());
    }

    @Override
    public void close() {
        events.finish();
        List<ChannelFuture> closed = new ArrayList<>();
        for (Member member : members()) {
            closed.add(member.channel().close());
        }
        // Closes complete on the loops (on io_uring only once the kernel has cancelled the pending receive): wait for
        // them before the loops go, or the loops refuse the last deregistrations.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (ChannelFuture future : closed) {
            future.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(15, TimeUnit.SECONDS);
    }
}
