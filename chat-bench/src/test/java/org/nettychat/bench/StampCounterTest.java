package org.nettychat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatMessageDecoder;
import org.nettychat.protocol.codec.ChatMessageEncoder;

class StampCounterTest {

    @Test
    void read_whenStampedMessagesArriveSplitAcrossReads_thenEachIsCountedAndOtherFramesPassOn() {
        EmbeddedChannel channel = new EmbeddedChannel();
        LoopStats stats = new LoopStats(channel.eventLoop());
        channel.pipeline().addLast(new StampCounter(stats));
        ByteBuf stream = Unpooled.buffer();
        append(stream, line(1, 3));
        append(stream, new Joined("fanout", "late"));
        append(stream, line(2, 3));
        append(stream, line(3, 4));
        try {
            // Three reads, cut inside the second and the last frame.
            int firstCut = stream.readableBytes() / 3;
            channel.writeInbound(stream.readRetainedSlice(firstCut));
            channel.writeInbound(stream.readRetainedSlice(stream.readableBytes() - 10));
            channel.writeInbound(stream.readRetainedSlice(10));

            ChatFrame other = channel.readInbound();
            try {
                assertThat(ChatMessageDecoder.decodeServerMessage(other.body()))
                        .isEqualTo(new Joined("fanout", "late"));
            } finally {
                other.release();
            }
            assertThat((Object) channel.readInbound()).isNull();
            assertThat(stats.snapshot(3, false).received()).isEqualTo(2);
            assertThat(stats.snapshot(4, false).received()).isEqualTo(1);
        } finally {
            stream.release();
            channel.finishAndReleaseAll();
        }
    }

    private static ChatLine line(long id, int step) {
        return new ChatLine(id, "fanout", "pub1", Payload.text(System.nanoTime(), step, 100), 1L);
    }

    private static void append(ByteBuf stream, ServerMessage message) {
        ByteBuf frame = ChatMessageEncoder.encode(UnpooledByteBufAllocator.DEFAULT, message);
        try {
            stream.writeBytes(frame);
        } finally {
            frame.release();
        }
    }
}
