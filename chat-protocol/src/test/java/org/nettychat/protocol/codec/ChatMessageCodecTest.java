package org.nettychat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.GetHistory;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Kick;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.ListRooms;
import org.nettychat.protocol.Members;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.SendDm;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;
import org.nettychat.protocol.Who;

class ChatMessageCodecTest {

    static Stream<ClientMessage> clientMessages() {
        return Stream.of(
                Hello.of("alice"),
                new Hello("Jürgen", "s3cret", Map.of("lobby", 41L, "dev", 0L), "e1"),
                new Join("dev", "r1"),
                new Leave("dev", null),
                new Say("lobby", "Grüße 👋 \"quoted\" \n new line", "r2"),
                new Say(null, "current room", null),
                new SendDm("bob", "psst", "r3"),
                new Who("dev", "r4"),
                new Who(null, null),
                new ListRooms("r5"),
                new GetHistory("dev", 10, 100L, 5L, "r6"),
                new GetHistory(null, null, null, null, null),
                new Kick("dev", "mallory", "k1"),
                new Ping("p"),
                new Pong(null),
                new Bye(null));
    }

    static Stream<ServerMessage> serverMessages() {
        ChatLine line = new ChatLine(7, "dev", "Jürgen", "你好 🌍", 1_764_000_000_000L);
        return Stream.of(
                new Welcome("alice", 1, "be nice", 16384, "e1", 20, 40),
                new Joined("dev", "alice"),
                new Left("dev", "alice", Left.DISCONNECTED),
                line,
                new DirectMessage("bob", "alice", "psst", 1_764_000_000_001L),
                new Members("dev", List.of("alice", "bob"), "r4"),
                new RoomList(List.of(new RoomList.Room("dev", 2), new RoomList.Room("lobby", 5)), "r5"),
                new History("dev", List.of(line, new ChatLine(8, "dev", "bob", "hi", 1L)), null),
                new Ack("r2", "lobby", 42L),
                Ack.of("r1"),
                ErrorMessage.of(ErrorCode.RATE_LIMITED, "slow down", "r9"),
                new Ping("idle"),
                new Pong("p"),
                new Bye(Bye.SHUTDOWN));
    }

    @ParameterizedTest
    @MethodSource("clientMessages")
    void roundTrip_clientMessage_thenServerDecodesEqualMessage(ClientMessage message) {
        EmbeddedChannel client = new EmbeddedChannel(ChatMessageEncoder.INSTANCE);
        EmbeddedChannel server = new EmbeddedChannel(new ChatFrameDecoder(), ChatMessageDecoder.SERVER_SIDE);
        client.writeOutbound(message);
        server.writeInbound((ByteBuf) client.readOutbound());
        assertThat((Object) server.readInbound()).isEqualTo(message);
        assertFalse(client.finish());
        assertFalse(server.finish());
    }

    @ParameterizedTest
    @MethodSource("serverMessages")
    void roundTrip_serverMessage_thenClientDecodesEqualMessageWithSenderAsUser(ServerMessage message) {
        ByteBuf wire = ChatMessageEncoder.encode(ByteBufAllocator.DEFAULT, message);
        EmbeddedChannel decoder = new EmbeddedChannel(new ChatFrameDecoder());
        decoder.writeInbound(wire);
        ChatFrame frame = decoder.readInbound();
        try {
            assertThat(frame.user()).isEqualTo(message.sender());
            assertThat(ChatMessageDecoder.decodeServerMessage(frame.body())).isEqualTo(message);
        } finally {
            frame.release();
        }
        assertFalse(decoder.finish());
    }

    @Test
    void encode_whenMessageHasNullFields_thenOmitsThemAndPutsTypeFirst() {
        assertThat(MessageJson.toJson(new Say(null, "hi", null))).isEqualTo("{\"type\":\"say\",\"text\":\"hi\"}");
        assertThat(MessageJson.toJson(new ChatLine(1, "lobby", "bob", "hi", 5)))
                .isEqualTo("{\"type\":\"message\",\"id\":1,\"room\":\"lobby\",\"from\":\"bob\",\"text\":\"hi\",\"ts\":5}");
    }

    @Test
    void decode_whenBodyIsPlainText_thenSayInCurrentRoom() {
        assertThat(decodeClient("", "  Hello there")).isEqualTo(new Say(null, "  Hello there", null));
    }

    @Test
    void decode_whenBodyHasLeadingWhitespaceBeforeObject_thenJson() {
        assertThat(decodeClient("", " \r\n\t{\"type\":\"rooms\"}")).isEqualTo(new ListRooms(null));
    }

    @Test
    void decode_whenUnknownFieldsPresent_thenIgnoresThem() {
        assertThat(decodeClient("", "{\"type\":\"join\",\"room\":\"dev\",\"colour\":{\"a\":[1,2]}}"))
                .isEqualTo(new Join("dev", null));
    }

    @Test
    void decode_whenHelloUserMatchesName_thenAccepted() {
        assertThat(decodeClient("alice", "{\"type\":\"hello\",\"name\":\"alice\"}")).isEqualTo(Hello.of("alice"));
    }

    @Test
    void decode_whenHelloUserNamesSomeoneElse_thenImpersonation() {
        assertThat(decodeClientFailure("mallory", "{\"type\":\"hello\",\"name\":\"alice\"}"))
                .isEqualTo(ErrorCode.IMPERSONATION);
    }

    @Test
    void decode_whenBadInput_thenDocumentedErrorCode() {
        assertThat(decodeClientFailure("", "{\"type\":\"say\",\"text\":\"hi\"} x")).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(decodeClientFailure("", "{\"type\":\"say\",\"text\":\"a\",\"text\":\"b\"}"))
                .isEqualTo(ErrorCode.BAD_JSON);
        assertThat(decodeClientFailure("", "{\"type\":\"say\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}"))
                .isEqualTo(ErrorCode.BAD_JSON);
        assertThat(decodeClientFailure("", "{\"type\":\"history\",\"limit\":" + "9".repeat(25) + "}"))
                .isEqualTo(ErrorCode.BAD_JSON);
        assertThat(decodeClientFailure("", "{\"type\":\"say\"")).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(decodeClientFailure("", "{\"text\":\"hi\"}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"dm\",\"to\":\"" + "b".repeat(33) + "\",\"text\":\"hi\"}"))
                .isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"shout\",\"text\":\"hi\"}")).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(decodeClientFailure("", "{\"type\":\"welcome\",\"name\":\"x\"}")).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(decodeClientFailure("", "{\"type\":5}")).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(decodeClientFailure("", "{\"type\":\"say\"}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"say\",\"text\":5}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"history\",\"limit\":\"5\"}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"history\",\"limit\":1.5}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"history\",\"limit\":0}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"join\",\"room\":[\"a\"]}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"say\",\"text\":\"\\ud800\"}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClientFailure("", "{\"type\":\"say\",\"text\":\"a\\udc00b\"}")).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(decodeClient("", "{\"type\":\"say\",\"text\":\"\\ud83d\\udc4b\"}")).isEqualTo(new Say(null, "👋", null));
    }

    @Test
    void decode_whenAFieldHasTheWrongJsonType_thenTheErrorNamesTheFieldAndWhatItTakes() {
        assertThat(decodeClientFailureText("{\"type\":\"join\",\"room\":5}")).isEqualTo("room: expected a string");
        assertThat(decodeClientFailureText("{\"type\":\"join\",\"room\":[\"a\"]}"))
                .isEqualTo("room: expected a string");
        assertThat(decodeClientFailureText("{\"type\":\"history\",\"limit\":\"5\"}"))
                .isEqualTo("limit: expected an integer");
        assertThat(decodeClientFailureText("{\"type\":\"history\",\"limit\":1.5}"))
                .isEqualTo("limit: expected an integer");
        assertThat(decodeClientFailureText("{\"type\":\"hello\",\"name\":\"a\",\"resume\":[1]}"))
                .isEqualTo("resume: expected an object");
        assertThat(decodeClientFailureText("{\"type\":\"hello\",\"name\":\"a\",\"resume\":{\"dev\":\"x\"}}"))
                .isEqualTo("resume.dev: expected an integer");
    }

    @Test
    void decode_whenBodyNotUtf8_thenBadEncoding() {
        ChatFrame frame = new ChatFrame("", Unpooled.wrappedBuffer(new byte[] {'h', (byte) 0xff, 'i'}));
        try {
            ChatCodecException e = catchThrowableOfType(ChatCodecException.class,
                    () -> ChatMessageDecoder.decodeClientMessage(frame));
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_ENCODING);
        } finally {
            frame.release();
        }
    }

    @Test
    void decode_whenServerSendsUnknownType_thenUnknownType() {
        ByteBuf body = Unpooled.copiedBuffer("{\"type\":\"fireworks\"}", StandardCharsets.UTF_8);
        try {
            ChatCodecException e = catchThrowableOfType(ChatCodecException.class,
                    () -> ChatMessageDecoder.decodeServerMessage(body));
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        } finally {
            body.release();
        }
    }

    private static ChatMessage decodeClient(String user, String body) {
        ChatFrame frame = new ChatFrame(user, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        try {
            return ChatMessageDecoder.decodeClientMessage(frame);
        } finally {
            frame.release();
        }
    }

    private static String decodeClientFailureText(String body) {
        ChatCodecException e = catchThrowableOfType(ChatCodecException.class, () -> decodeClient("", body));
        assertThat(e).as("decoding %s", body).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        return e.getMessage();
    }

    private static ErrorCode decodeClientFailure(String user, String body) {
        ChatCodecException e = catchThrowableOfType(ChatCodecException.class, () -> decodeClient(user, body));
        assertThat(e).as("decoding %s", body).isNotNull();
        return e.code();
    }
}
