package org.nettychat.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostLookupTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService lookups = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        lookups.shutdownNow();
    }

    @Test
    void resolve_whenTheNameServerIsSlow_thenTheEventLoopRunsOnMeanwhile() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        HostLookup slow = new HostLookup(host -> {
            await(answer);
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 7})};
        }, lookups);
        EventLoop loop = group.next();

        Future<InetSocketAddress> resolved = resolving(slow, loop, "chat.example");

        assertThat(loop.submit(() -> "still running").get(10, TimeUnit.SECONDS)).isEqualTo("still running");
        assertThat(resolved.isDone()).isFalse();
        answer.countDown();
        assertThat(resolved.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(resolved.getNow()).isEqualTo(new InetSocketAddress(
                InetAddress.getByAddress("chat.example", new byte[] {127, 0, 0, 7}), 7070));
    }

    @Test
    void resolve_whenTheNameIsUnknown_thenFailsWithTheLookupsError() throws Exception {
        HostLookup none = new HostLookup(host -> {
            throw new UnknownHostException(host + ": no such host");
        }, lookups);
        Future<InetSocketAddress> resolved = resolving(none, group.next(), "nowhere.example");

        assertThat(resolved.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(resolved.cause()).isInstanceOf(UnknownHostException.class).hasMessage("nowhere.example: no such host");
    }

    @Test
    void resolve_whenTheLookupBreaksWithAnError_thenFailsRatherThanLeavingTheConnectWaiting() throws Exception {
        HostLookup broken = new HostLookup(host -> {
            throw new LinkageError("lookup broke");
        }, lookups);
        Future<InetSocketAddress> resolved = resolving(broken, group.next(), "chat.example");

        assertThat(resolved.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(resolved.cause()).isInstanceOf(LinkageError.class).hasMessage("lookup broke");
    }

    /** Starts resolving {@code host}, port 7070, as a connect on {@code loop} does: from the loop itself. */
    private static Future<InetSocketAddress> resolving(HostLookup lookup, EventLoop loop, String host)
            throws Exception {
        return loop.submit(() -> lookup.getResolver(loop).resolve(InetSocketAddress.createUnresolved(host, 7070)))
                .get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
