package org.nettychat.client.internal;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Looks host names up on threads of its own, never on an event loop. Netty's default resolver asks the JDK on the loop
 * that connects, and the JDK's lookup blocks: a slow name server would stall every connection on that loop, those of
 * other sessions sharing the group included.
 */
final class HostLookup extends AddressResolverGroup<InetSocketAddress> {

    /** Lookups that run at once; more wait their turn, so a hanging name server cannot pile up threads. */
    private static final int LOOKUP_THREADS = 4;

    /** How the JDK looks up names ({@code /etc/hosts}, then DNS), on daemon threads that end when idle. */
    static final HostLookup SYSTEM = new HostLookup(InetAddress::getAllByName, lookupThreads());

    /** A blocking lookup of every address of a host name. */
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final Lookup lookup;
    private final Executor lookups;

    HostLookup(Lookup lookup, Executor lookups) {
        this.lookup = lookup;
        this.lookups = lookups;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor loop) {
        return new InetNameResolver(loop) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                lookUp(host, promise, addresses -> addresses[0]);
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                lookUp(host, promise, Arrays::asList);
            }
        }.asAddressResolver();
    }

    private static ExecutorService lookupThreads() {
        ThreadPoolExecutor threads = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("chat-client-lookup", true));
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    private <T> void lookUp(String host, Promise<T> promise, Function<InetAddress[], T> answer) {
        try {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(answer.apply(lookup.addresses(host)));
                } catch (Throwable e) {
                    // Whatever it is, the connect waits on this promise: it must not stay open.
                    promise.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
    }
}
