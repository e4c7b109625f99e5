package org.nettychat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nettychat.protocol.ErrorCode;

class ChatFrameDecoderTest {

    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new ChatFrameDecoder(64));
    }

    @AfterEach
    void tearDown() {
        assertFalse(channel.finish());
    }

    @Test
    void decode_whenBytesArriveOneByOne_thenYieldsFrameOnlyAtTheEnd() {
        byte[] wire = ascii("5       alice11      Hello there");
        for (int i = 0; i < wire.length - 1; i++) {
            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {wire[i]})), "frame after byte " + i);
        }
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {wire[wire.length - 1]}));
        assertFrame(channel.readInbound(), "alice", "Hello there");
    }

    @Test
    void decode_whenManyFramesInOneBuffer_thenYieldsEachInOrder() {
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("0       2       hi3       bob3       yo!0       0       ")));
        assertFrame(channel.readInbound(), "", "hi");
        assertFrame(channel.readInbound(), "bob", "yo!");
        assertFrame(channel.readInbound(), "", "");
    }

    @Test
    void decode_whenSplitBetweenHeaderAndBody_thenWaitsForTheRest() {
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("3       bob5   ")));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("    he")));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("llo")));
        assertFrame(channel.readInbound(), "bob", "hello");
    }

    @Test
    void decode_whenMultiByteUserAndBody_thenLengthsCountBytes() {
        String user = "Jürgen";
        String body = "Grüße 👋 你好";
        byte[] userBytes = user.getBytes(StandardCharsets.UTF_8);
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf in = Unpooled.buffer();
        in.writeCharSequence(pad(userBytes.length), StandardCharsets.US_ASCII);
        in.writeBytes(userBytes);
        in.writeCharSequence(pad(bodyBytes.length), StandardCharsets.US_ASCII);
        in.writeBytes(bodyBytes);
        channel.writeInbound(in);
        assertFrame(channel.readInbound(), user, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {" 5      ", "+5      ", "-5      ", "5a      ", "a       ", "5\t      ", "1 2     ",
        "        ", "\0       ", "0x10    ", "5      x"})
    void decode_whenUserHeaderMalformed_thenFailsWithBadHeader(String header) {
        assertDecodeFails(ascii(header + "whatever"), ErrorCode.BAD_HEADER);
    }

    @Test
    void decode_whenBodyHeaderMalformed_thenFailsWithBadHeader() {
        assertDecodeFails(ascii("3       bob12 4    "), ErrorCode.BAD_HEADER);
    }

    @Test
    void decode_whenHeaderStartsBadly_thenFailsBeforeTheHeaderIsComplete() {
        assertDecodeFails(ascii("x"), ErrorCode.BAD_HEADER);
    }

    @Test
    void decode_whenUserLengthOverLimit_thenFailsFromTheHeaderAlone() {
        assertDecodeFails(ascii("33      "), ErrorCode.TOO_LARGE);
    }

    @Test
    void decode_whenBodyLengthOverLimit_thenFailsBeforeAnyBodyBytes() {
        ChatCodecException e = decodeFailure(ascii("0       99999999"));
        assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("body length: 99999999 (expected: <= 64)");
    }

    @Test
    void decode_whenUserNotUtf8_thenFailsWithBadUser() {
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(ascii("2       "));
        in.writeBytes(new byte[] {(byte) 0xc3, (byte) 0x28});
        in.writeBytes(ascii("0       "));
        assertDecodeFails(in, ErrorCode.BAD_USER);
    }

    @Test
    void decode_afterAnError_thenDiscardsEverythingThatFollows() {
        decodeFailure(ascii("-"));
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("0       2       hi")));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void constructor_whenLimitOutOfRange_thenRefuses() {
        assertThatThrownBy(() -> new ChatFrameDecoder(0)).hasMessageContaining("maxBodyBytes: 0");
        assertThatThrownBy(() -> new ChatFrameDecoder(100_000_000)).hasMessageContaining("expected: 1..99999999");
    }

    private void assertDecodeFails(byte[] input, ErrorCode code) {
        assertDecodeFails(Unpooled.wrappedBuffer(input), code);
    }

    private void assertDecodeFails(ByteBuf input, ErrorCode code) {
        assertThat(decodeFailure(input).code()).isEqualTo(code);
    }

    private ChatCodecException decodeFailure(byte[] input) {
        return decodeFailure(Unpooled.wrappedBuffer(input));
    }

    private ChatCodecException decodeFailure(ByteBuf input) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> channel.writeInbound(input));
        assertThat(thrown).isInstanceOf(ChatCodecException.class);
        assertThat((Object) channel.readInbound()).isNull();
        return (ChatCodecException) thrown;
    }

    static void assertFrame(ChatFrame frame, String user, String body) {
        try {
            assertThat(frame).isNotNull();
            assertThat(frame.user()).isEqualTo(user);
            assertThat(frame.body().toString(StandardCharsets.UTF_8)).isEqualTo(body);
        } finally {
            if (frame != null) {
                frame.release();
            }
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String pad(int length) {
        return String.format("%-8d", length);
    }
}
