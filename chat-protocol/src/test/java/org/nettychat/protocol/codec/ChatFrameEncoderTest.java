package org.nettychat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatFrameEncoderTest {

    @Test
    void encode_whenFrameWritten_thenHeadersAreLeftAlignedByteLengths() {
        EmbeddedChannel channel = new EmbeddedChannel(ChatFrameEncoder.INSTANCE);
        channel.writeOutbound(new ChatFrame("Jürgen", Unpooled.copiedBuffer("hi 👋", StandardCharsets.UTF_8)));
        ByteBuf out = channel.readOutbound();
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("7       Jürgen7       hi 👋");
        } finally {
            out.release();
        }
        assertFalse(channel.finish());
    }

    @Test
    void encode_whenFrameGoesThroughDecoder_thenComesBackUnchanged() {
        EmbeddedChannel channel = new EmbeddedChannel(ChatFrameEncoder.INSTANCE, new ChatFrameDecoder());
        channel.writeOutbound(new ChatFrame("", Unpooled.copiedBuffer("{\"type\":\"ping\"}", StandardCharsets.UTF_8)));
        ByteBuf wire = channel.readOutbound();
        channel.writeInbound(wire);
        ChatFrameDecoderTest.assertFrame(channel.readInbound(), "", "{\"type\":\"ping\"}");
        assertFalse(channel.finish());
    }

    @Test
    void encode_whenUserTooLong_thenRefuses() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> ChatFrameEncoder.encode("x".repeat(33), Unpooled.EMPTY_BUFFER, out))
                    .hasMessage("user length: 33 bytes (expected: <= 32)");
        } finally {
            out.release();
        }
    }
}
