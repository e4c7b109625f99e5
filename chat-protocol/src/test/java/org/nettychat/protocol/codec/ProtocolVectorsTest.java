package org.nettychat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ErrorCode;

/** Runs the language-neutral vectors in {@code chat-protocol/vectors/frames.json} through the codecs. */
class ProtocolVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_TO_SERVER = "client-to-server";

    static JsonNode vectors() throws IOException {
        try (InputStream in = ProtocolVectorsTest.class.getResourceAsStream("/vectors/frames.json")) {
            assertThat(in).as("vectors/frames.json on the test class path").isNotNull();
            return JSON.readTree(in);
        }
    }

    static Stream<Named<JsonNode>> valid() throws IOException {
        return named(vectors().get("valid"));
    }

    static Stream<Named<JsonNode>> invalid() throws IOException {
        return named(vectors().get("invalid"));
    }

    private static Stream<Named<JsonNode>> named(JsonNode array) {
        List<Named<JsonNode>> cases = new ArrayList<>();
        array.forEach(vector -> cases.add(Named.of(vector.get("name").asText(), vector)));
        return cases.stream();
    }

    @Test
    void vectors_coverBothDirectionsAndBothOutcomes() throws IOException {
        JsonNode vectors = vectors();
        assertThat(vectors.get("version").asInt()).isEqualTo(1);
        assertThat(vectors.get("valid").size()).isGreaterThanOrEqualTo(25);
        assertThat(vectors.get("invalid").size()).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void valid_decodesToItsFramesAndMessages(JsonNode vector) throws IOException {
        boolean fromClient = CLIENT_TO_SERVER.equals(vector.get("direction").asText());
        EmbeddedChannel channel = new EmbeddedChannel(new ChatFrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(vector.get("hex").asText())));
        JsonNode frames = vector.get("frames");
        JsonNode messages = vector.get("messages");
        for (int i = 0; i < frames.size(); i++) {
            ChatFrame frame = channel.readInbound();
            try {
                assertThat(frame).as("frame %d", i).isNotNull();
                assertThat(frame.user()).isEqualTo(frames.get(i).get("user").asText());
                assertThat(frame.body().toString(StandardCharsets.UTF_8)).isEqualTo(frames.get(i).get("body").asText());
                ChatMessage decoded = fromClient
                        ? ChatMessageDecoder.decodeClientMessage(frame)
                        : ChatMessageDecoder.decodeServerMessage(frame.body());
                assertThat(decoded).isEqualTo(parse(messages.get(i), fromClient));
                if (vector.get("canonical").asBoolean()) {
                    assertThat(MessageJson.toJson(decoded)).isEqualTo(JSON.writeValueAsString(messages.get(i)));
                }
            } finally {
                if (frame != null) {
                    frame.release();
                }
            }
        }
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
        if (vector.get("canonical").asBoolean()) {
            assertReencodesToSameBytes(vector, fromClient);
        }
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalid_failsWithItsErrorCode(JsonNode vector) {
        boolean fromClient = CLIENT_TO_SERVER.equals(vector.get("direction").asText());
        ErrorCode expected = ErrorCode.fromWireName(vector.get("error").asText());
        assertThat(expected).isNotEqualTo(ErrorCode.UNKNOWN);
        assertThat(expected.closesConnection()).isEqualTo(vector.get("closes").asBoolean());
        EmbeddedChannel channel = new EmbeddedChannel(new ChatFrameDecoder(),
                fromClient ? ChatMessageDecoder.SERVER_SIDE : ChatMessageDecoder.CLIENT_SIDE);
        ByteBuf input = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(vector.get("hex").asText()));
        ChatCodecException failure = catchThrowableOfType(ChatCodecException.class, () -> channel.writeInbound(input));
        assertThat(failure).as("decoding fails").isNotNull();
        assertThat(failure.code()).isEqualTo(expected);
        channel.finishAndReleaseAll();
    }

    private static void assertReencodesToSameBytes(JsonNode vector, boolean fromClient) throws IOException {
        ByteBuf expected = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(vector.get("hex").asText()));
        ByteBuf actual = ByteBufAllocator.DEFAULT.buffer();
        try {
            for (JsonNode message : vector.get("messages")) {
                ChatMessageEncoder.encode(parse(message, fromClient), actual);
            }
            assertThat(ByteBufUtil.hexDump(actual)).isEqualTo(ByteBufUtil.hexDump(expected));
        } finally {
            actual.release();
            expected.release();
        }
    }

    private static ChatMessage parse(JsonNode message, boolean fromClient) throws IOException {
        ByteBuf body = Unpooled.copiedBuffer(JSON.writeValueAsBytes(message));
        try {
            return fromClient ? MessageJson.readClientMessage(body) : MessageJson.readServerMessage(body);
        } finally {
            body.release();
        }
    }
}
