package org.nettychat.server.room;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.util.Map;

/**
 * Where a room's encoded frames enter a member's connection. The server's pipeline has a handler that is one, below
 * the message handlers, so a broadcast's bytes pass only the handlers that have to see them; any other channel is
 * written from its pipeline's tail ({@link #of}). Called on the channel's event loop only.
 */
public interface Recipient {

    /** The member's channel. */
    Channel channel();

    /**
     * Queues {@code frames}, which holds {@code count} whole encoded frames, without flushing; the reference passes
     * here. Dropped when the member is gone.
     */
    void deliver(ByteBuf frames, int count);

    /** Sends what {@link #deliver} queued. */
    void flush();

    /** The handler of {@code channel}'s pipeline that is a recipient, or one that writes from the pipeline's tail. */
    static Recipient of(Channel channel) {
        for (Map.Entry<String, ChannelHandler> handler : channel.pipeline()) {
            if (handler.getValue() instanceof Recipient recipient) {
                return recipient;
            }
        }
        return new PipelineTail(channel);
    }

    /** Writes through the whole pipeline, for channels that register no recipient of their own. */
    record PipelineTail(Channel channel) implements Recipient {

        @Override
        public void deliver(ByteBuf frames, int count) {
            if (channel.isActive()) {
                channel.write(frames, channel.voidPromise());
            } else {
                frames.release();
            }
        }

        @Override
        public void flush() {
            channel.flush();
        }
    }
}
