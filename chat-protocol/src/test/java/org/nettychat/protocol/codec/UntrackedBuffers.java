package org.nettychat.protocol.codec;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Buffers that Netty's leak detector does not track, for tests that run thousands of cases. At the paranoid level the
 * detector records a stack trace on every access, even each {@code getByte}, which makes such tests a hundred times
 * slower. Tests that use these buffers check {@code refCnt()} of every buffer themselves instead.
 */
final class UntrackedBuffers {

    /** Unpooled heap buffers, without leak detection. */
    static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false, true);

    private UntrackedBuffers() {
    }

    /** A channel whose handlers allocate from {@link #ALLOCATOR}. */
    static EmbeddedChannel channel(ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel(handlers);
        channel.config().setAllocator(ALLOCATOR);
        return channel;
    }
}
