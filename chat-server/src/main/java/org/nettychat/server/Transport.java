package org.nettychat.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loop transport the server runs on, chosen once at start, with the reason for the choice.
 *
 * @param name          "epoll" or "nio"
 * @param reason        why this one was chosen
 * @param ioHandlers    makes the I/O handlers of the event loops
 * @param serverChannel the server socket channel class to match
 */
record Transport(String name, String reason, IoHandlerFactory ioHandlers,
        Class<? extends ServerChannel> serverChannel) {

    static Transport choose(ServerConfig.TransportChoice choice) {
        switch (choice) {
            case NIO:
                return nio("configured with --transport nio");
            case EPOLL:
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("transport: epoll is not available here: "
                            + Epoll.unavailabilityCause());
                }
                return epoll("configured with --transport epoll");
            default:
                return Epoll.isAvailable()
                        ? epoll("native epoll is available")
                        : nio("native epoll is not available: " + Epoll.unavailabilityCause());
        }
    }

    MultiThreadIoEventLoopGroup newGroup(int threads, String threadName) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, true), ioHandlers);
    }

    private static Transport epoll(String reason) {
        return new Transport("epoll", reason, EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }

    private static Transport nio(String reason) {
        return new Transport("nio", reason, NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
