package org.nettychat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.codec.MessageJson;

class PayloadTest {

    private final Payload.Reader reader = new Payload.Reader();

    @Test
    void text_isPaddedToTheRequestedSize() {
        assertThat(Payload.text(123, 4, 100)).hasSize(100).startsWith("B123:4:x");
        assertThat(Payload.text(123_456_789_012L, 4, 5)).isEqualTo("B123456789012:4:");
    }

    @Test
    void read_whenServerMessageCarriesAStamp_thenReturnsSendTimeAndStep() {
        String text = Payload.text(987_654_321_012_345L, 17, 100);
        ByteBuf body = json(new ChatLine(42, "fanout", "b1x3", text, 1_764_000_000_000L));
        try {
            assertThat(read(body)).isTrue();
            assertThat(reader.sendNanos()).isEqualTo(987_654_321_012_345L);
            assertThat(reader.step()).isEqualTo(17);
            assertThat(body.readerIndex()).isZero();
        } finally {
            body.release();
        }
    }

    @Test
    void read_whenRoomAndSenderHaveTheLongestNames_thenStillFindsTheStamp() {
        String text = Payload.text(Long.MAX_VALUE, 999_999_999, 100);
        ByteBuf body = json(new ChatLine(Long.MAX_VALUE, "r".repeat(32), "u".repeat(32), text, Long.MAX_VALUE));
        try {
            assertThat(read(body)).isTrue();
            assertThat(reader.sendNanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(reader.step()).isEqualTo(999_999_999);
        } finally {
            body.release();
        }
    }

    @Test
    void read_whenRoomAndSenderContainB_thenSkipsThemForTheStamp() {
        String text = Payload.text(-5_000_000_123L, 2, 100);
        ByteBuf body = json(new ChatLine(7, "BigRoom", "Bob", text, 1L));
        try {
            assertThat(read(body)).isTrue();
            assertThat(reader.sendNanos()).isEqualTo(-5_000_000_123L);
            assertThat(reader.step()).isEqualTo(2);
        } finally {
            body.release();
        }
    }

    @Test
    void read_whenTheBodyIsASliceOfALargerBuffer_thenReadsOnlyThatSlice() {
        ByteBuf stream = Unpooled.buffer();
        stream.writeBytes("junk\"text\":\"B1:1:".getBytes(StandardCharsets.US_ASCII));
        int index = stream.writerIndex();
        stream.writeBytes(MessageJson.toJson(new ChatLine(1, "fanout", "b1x2", Payload.text(77, 5, 60), 1L))
                .getBytes(StandardCharsets.UTF_8));
        try {
            assertThat(reader.read(stream, index, stream.writerIndex() - index)).isTrue();
            assertThat(reader.sendNanos()).isEqualTo(77);
            assertThat(reader.step()).isEqualTo(5);
            assertThat(reader.read(stream, 0, index)).isFalse();
        } finally {
            stream.release();
        }
    }

    @Test
    void read_whenNotAStampedMessage_thenReturnsFalse() {
        ByteBuf plain = json(new ChatLine(1, "lobby", "alice", "hello there", 1L));
        ByteBuf other = Unpooled.copiedBuffer("{\"type\":\"history\",\"messages\":[]}", StandardCharsets.UTF_8);
        ByteBuf cut = Unpooled.copiedBuffer("{\"type\":\"message\",\"text\":\"B123", StandardCharsets.UTF_8);
        try {
            assertThat(read(plain)).isFalse();
            assertThat(read(other)).isFalse();
            assertThat(read(cut)).isFalse();
        } finally {
            plain.release();
            other.release();
            cut.release();
        }
    }

    /** Reads the whole readable part of {@code body}. */
    private boolean read(ByteBuf body) {
        return reader.read(body, body.readerIndex(), body.readableBytes());
    }

    private static ByteBuf json(ChatLine line) {
        return Unpooled.copiedBuffer(MessageJson.toJson(line), StandardCharsets.UTF_8);
    }
}
