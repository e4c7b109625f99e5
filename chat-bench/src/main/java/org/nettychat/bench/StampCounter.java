package org.nettychat.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.codec.ChatFrameDecoder;

/**
 * The frame decoder of a benchmark connection. Stamped {@code message} frames, the bulk of the traffic, are counted
 * where they lie in the read buffer, without a frame object, a user string or JSON decoding, so the generator does
 * not saturate before the server; every other frame goes on to {@link BenchHandler} as a {@code ChatFrame}.
 */
final class StampCounter extends ChatFrameDecoder {

    private final LoopStats stats;
    private final Payload.Reader reader = new Payload.Reader();
    /** When the bytes being decoded arrived: every frame of one read arrived together. */
    private long readNanos;

    StampCounter(LoopStats stats) {
        // The server's frames are not bound by our body limit: accept up to the header maximum.
        super(ChatProtocol.MAX_HEADER_VALUE);
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        readNanos = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    protected Object frame(ByteBuf in, int userIndex, int userLength, int bodyIndex, int bodyLength) {
        if (reader.read(in, bodyIndex, bodyLength)) {
            stats.delivered(reader.step(), reader.sendNanos(), readNanos);
            return null;
        }
        return super.frame(in, userIndex, userLength, bodyIndex, bodyLength);
    }
}
