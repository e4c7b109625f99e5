package org.nettychat.bench;

import io.netty.buffer.ByteBuf;
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

    StampCounter(LoopStats stats) {
        // The server's frames are not bound by our body limit: accept up to the header maximum.
        super(ChatProtocol.MAX_HEADER_VALUE);
        this.stats = stats;
    }

    @Override
    protected Object frame(ByteBuf in, int userIndex, int userLength, int bodyIndex, int bodyLength) {
        if (reader.read(in, bodyIndex, bodyLength)) {
            stats.delivered(reader.step(), reader.sendNanos(), System.nanoTime());
            return null;
        }
        return super.frame(in, userIndex, userLength, bodyIndex, bodyLength);
    }
}
