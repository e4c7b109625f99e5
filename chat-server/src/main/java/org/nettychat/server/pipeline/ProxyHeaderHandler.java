package org.nettychat.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PROXY protocol header (v1 or v2, decoded by Netty's {@code HAProxyMessageDecoder} before it) that a trusted
 * load balancer sends first, and hands the real client address on, so that limits and logs see the client and not
 * the balancer. Steps aside once it has. A header that does not come in time, or is malformed, closes the connection.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "proxy-header";

    private static final Logger log = LoggerFactory.getLogger(ProxyHeaderHandler.class);

    private final Duration timeout;
    private final BiConsumer<Channel, InetSocketAddress> admit;
    private ScheduledFuture<?> deadline;

    ProxyHeaderHandler(Duration timeout, BiConsumer<Channel, InetSocketAddress> admit) {
        this.timeout = timeout;
        this.admit = admit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            log.debug("{} sent no PROXY header in time", ctx.channel().remoteAddress());
            ctx.close();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        InetSocketAddress client;
        try {
            // LOCAL: the balancer speaks for itself (a health check), not for a client.
            client = header.command() == HAProxyCommand.LOCAL || header.sourceAddress() == null
                    ? (InetSocketAddress) ctx.channel().remoteAddress()
                    : new InetSocketAddress(header.sourceAddress(), header.sourcePort());
        } finally {
            header.release();
        }
        ctx.pipeline().remove(this);
        admit.accept(ctx.channel(), client);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{} bad PROXY header: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
