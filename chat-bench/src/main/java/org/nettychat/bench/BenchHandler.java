package org.nettychat.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.codec.ChatCodecException;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatMessageDecoder;

/**
 * The handler of a benchmark connection, after {@link StampCounter} has counted the stamped messages: every other
 * frame is decoded as a client would ({@link ChatMessageDecoder#decodeServerMessage}) to answer pings, see errors and
 * byes, and learn that the room was joined (its {@code history} arrives).
 */
final class BenchHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "bench";

    private final Events events;
    private final Promise<Void> ready;

    BenchHandler(Events events, Promise<Void> ready) {
        this.events = events;
        this.ready = ready;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ChatFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            onFrame(ctx, frame);
        } finally {
            frame.release();
        }
    }

    private void onFrame(ChannelHandlerContext ctx, ChatFrame frame) {
        ServerMessage message;
        try {
            message = (ServerMessage) ChatMessageDecoder.decodeServerMessage(frame.body());
        } catch (ChatCodecException e) {
            events.count("undecodable:" + e.code().wireName());
            return;
        }
        if (message instanceof History) {
            ready.trySuccess(null);
        } else if (message instanceof Ping ping) {
            ctx.writeAndFlush(new Pong(ping.ref()), ctx.voidPromise());
        } else if (message instanceof ErrorMessage error) {
            events.count("error:" + error.code());
        } else if (message instanceof Bye bye) {
            events.count("bye:" + bye.reason());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!ready.isDone()) {
            ready.tryFailure(new IllegalStateException("closed before joining its room"));
        }
        events.closed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        events.count("exception:" + cause.getClass().getSimpleName());
        ctx.close();
    }
}
