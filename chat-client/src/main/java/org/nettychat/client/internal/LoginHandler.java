package org.nettychat.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;

/**
 * Logs in when the connection opens, then steps aside: sends {@code hello} (resuming the session's rooms after a
 * reconnect), waits for {@code welcome} and removes itself. An error before the welcome is a refused login.
 */
final class LoginHandler extends SimpleChannelInboundHandler<ServerMessage> {

    /** Name of this handler in a pipeline. */
    static final String NAME = "login";

    private final SessionCore core;

    LoginHandler(SessionCore core) {
        this.core = core;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Hello hello = core.helloFor(ctx.channel());
        if (hello == null) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(hello);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ServerMessage message) {
        if (message instanceof Welcome welcome) {
            ctx.pipeline().remove(this);
            core.loggedIn(ctx.channel(), welcome);
        } else if (message instanceof ErrorMessage error) {
            core.loginRefused(ctx.channel(), error);
        } else {
            ctx.fireChannelRead(message);
        }
    }
}
