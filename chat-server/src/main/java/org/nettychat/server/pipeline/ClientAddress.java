package org.nettychat.server.pipeline;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The client's address as limits and logs should see it: the one a trusted PROXY header named, else the peer's. */
final class ClientAddress {

    private static final AttributeKey<InetSocketAddress> KEY = AttributeKey.valueOf(ClientAddress.class, "client");

    private ClientAddress() {
    }

    static void set(Channel channel, InetSocketAddress client) {
        if (client != null) {
            channel.attr(KEY).set(client);
        }
    }

    /** The client's IP address, or null when the peer is not on IP (an embedded channel in tests). */
    static InetAddress inet(Channel channel) {
        return of(channel) instanceof InetSocketAddress socket ? socket.getAddress() : null;
    }

    static SocketAddress of(Channel channel) {
        InetSocketAddress client = channel.attr(KEY).get();
        return client != null ? client : channel.remoteAddress();
    }
}
