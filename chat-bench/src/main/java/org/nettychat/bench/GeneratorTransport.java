package org.nettychat.bench;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;

/**
 * The event loop transport of the generator's connections. {@link #AUTO} takes the cheapest one available here:
 * io_uring, whose receives need no {@code epoll_wait} and no {@code recv} call of their own, then epoll, then NIO.
 */
enum GeneratorTransport {
    AUTO, IO_URING, EPOLL, NIO;

    /**
     * io_uring completion queue entries per loop. Netty's default, 4,096, overflows when thousands of connections
     * complete at once (10,000 connects, a message to every room, and 11,000 closes with their cancelled receives);
     * the kernel then parks completions on a slower overflow list. 2 MiB per loop.
     */
    static final int COMPLETION_QUEUE_SIZE = 128 * 1024;

    /**
     * The transport to run: never {@link #AUTO}.
     *
     * @throws IllegalArgumentException when the one asked for is not available here
     */
    GeneratorTransport resolve() {
        return switch (this) {
            case AUTO -> IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
            case IO_URING -> available(IoUring.isAvailable(), IoUring.unavailabilityCause());
            case EPOLL -> available(Epoll.isAvailable(), Epoll.unavailabilityCause());
            case NIO -> this;
        };
    }

    private GeneratorTransport available(boolean available, Throwable cause) {
        if (!available) {
            throw new IllegalArgumentException("--transport " + label() + " is not available here: " + cause, cause);
        }
        return this;
    }

    IoHandlerFactory ioHandlers() {
        return switch (resolve()) {
            case IO_URING -> IoUringIoHandler.newFactory(
                    new IoUringIoHandlerConfig().setCqSize(COMPLETION_QUEUE_SIZE));
            case EPOLL -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    Class<? extends SocketChannel> channelClass() {
        return switch (resolve()) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            default -> NioSocketChannel.class;
        };
    }

    /** The name on the command line and in the results: "io_uring", "epoll", "nio" or "auto". */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
