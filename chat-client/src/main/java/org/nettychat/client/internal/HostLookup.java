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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Looks host names up on threads of its own, never on an event loop. Netty's default resolver asks the JDK on the loop
 * that connects, and the JDK's lookup blocks: a slow name server would stall every connection on that loop, those of
 * other sessions sharing the group included.
 */
final class HostLookup extends AddressResolverGroup<InetSocketAddress> {

    /** How the JDK looks up names ({@code /etc/hosts}, then DNS), on daemon threads that end when idle. */
    static final HostLookup SYSTEM = new HostLookup(InetAddress::getAllByName,
            Executors.newCachedThreadPool(new DefaultThreadFactory("chat-client-lookup", true)));

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

    private <T> void lookUp(String host, Promise<T> promise, Function<InetAddress[], T> answer) {
        try {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(answer.apply(lookup.addresses(host)));
                } catch (UnknownHostException | RuntimeException e) {
                    promise.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
    }
}
