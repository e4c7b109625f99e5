package org.nettychat.server.pipeline;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts connections in all and per remote address, and admits a new one only while both are under their limits. */
public final class ConnectionLimiter {

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Admits the channel, from the client at {@code address} (null when unknown), and arranges its release on close;
     * or returns why it is refused.
     */
    public String tryAdmit(Channel channel, InetAddress address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return "server holds its maximum of " + maxTotal + " connections";
        }
        if (address != null) {
            int[] count = new int[1];
            perAddress.compute(address, (a, held) -> {
                AtomicInteger counter = held == null ? new AtomicInteger() : held;
                count[0] = counter.incrementAndGet();
                return counter;
            });
            if (count[0] > maxPerAddress) {
                release(address);
                return "too many connections from " + address.getHostAddress() + " (limit " + maxPerAddress + ")";
            }
        }
        channel.closeFuture().addListener(f -> release(address));
        return null;
    }

    private void release(InetAddress address) {
        total.decrementAndGet();
        if (address != null) {
            perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }
}
