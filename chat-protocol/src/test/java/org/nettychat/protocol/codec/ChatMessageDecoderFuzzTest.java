package org.nettychat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.EnumSet;
import java.util.Set;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.ServerMessage;

/**
 * Feeds arbitrary bodies to both sides of {@link ChatMessageDecoder}. Each body becomes a message, or a documented
 * message-level error that keeps the connection open; only a {@code hello} under someone else's USER is refused as
 * impersonation. The frame is always released, and what was decoded encodes and decodes to an equal message.
 *
 * <p>Buffers are untracked by the leak detector, for speed; the test checks that each one is released. Each input is
 * the BODY as it is. Seeds directly in {@code ChatMessageDecoderFuzzTestInputs/} serve both targets.
 */
class ChatMessageDecoderFuzzTest {

    /** A USER that is not the name in any seed, so a {@code hello} under it is impersonation. */
    private static final String OTHER_USER = "mallory";

    private static final Set<ErrorCode> MESSAGE_ERRORS = EnumSet.of(
            ErrorCode.BAD_ENCODING, ErrorCode.BAD_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.BAD_MESSAGE);

    @FuzzTest
    void decode_whenArbitraryBodyFromClient_thenClientMessageOrDocumentedError(byte[] body) {
        Outcome anonymous = decode(ChatMessageDecoder.SERVER_SIDE, "", body);
        if (anonymous.message() != null) {
            assertThat(anonymous.message()).isInstanceOf(ClientMessage.class);
            assertReencodes(ChatMessageDecoder.SERVER_SIDE, anonymous.message());
        }

        Outcome underOtherUser = decode(ChatMessageDecoder.SERVER_SIDE, OTHER_USER, body);
        if (anonymous.message() instanceof Hello hello && !hello.name().equals(OTHER_USER)) {
            assertThat(underOtherUser.error()).as("hello as %s under USER %s", hello.name(), OTHER_USER)
                    .isEqualTo(ErrorCode.IMPERSONATION);
        } else {
            assertThat(underOtherUser).as("USER matters only for hello").isEqualTo(anonymous);
        }
    }

    @FuzzTest
    void decode_whenArbitraryBodyFromServer_thenServerMessageOrDocumentedError(byte[] body) {
        Outcome outcome = decode(ChatMessageDecoder.CLIENT_SIDE, "", body);
        if (outcome.message() != null) {
            assertThat(outcome.message()).isInstanceOf(ServerMessage.class);
            assertReencodes(ChatMessageDecoder.CLIENT_SIDE, outcome.message());
        }
    }

    /** Decodes one frame in a fresh channel; a failure other than a documented message-level error escapes. */
    private static Outcome decode(ChatMessageDecoder decoder, String user, byte[] body) {
        ChatFrame frame = new ChatFrame(user, UntrackedBuffers.ALLOCATOR.buffer(body.length).writeBytes(body));
        EmbeddedChannel channel = UntrackedBuffers.channel(decoder);
        try {
            channel.writeInbound(frame);
            Object message = channel.readInbound();
            assertThat(message).isInstanceOf(ChatMessage.class);
            assertThat((Object) channel.readInbound()).as("one message per frame").isNull();
            return new Outcome((ChatMessage) message, null);
        } catch (ChatCodecException e) {
            if (e.code() == ErrorCode.IMPERSONATION) {
                assertThat(user).as("impersonation needs a USER").isNotEmpty();
            } else {
                assertThat(MESSAGE_ERRORS).as("documented message error: %s", e.getMessage()).contains(e.code());
                assertThat(e.code().closesConnection()).isFalse();
            }
            return new Outcome(null, e.code());
        } finally {
            assertThat(frame.refCnt()).as("decoder released the frame").isZero();
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
    }

    /** What the decoder made of the message can be sent on and read back unchanged. */
    private static void assertReencodes(ChatMessageDecoder decoder, ChatMessage message) {
        ByteBuf wire = ChatMessageEncoder.encode(UntrackedBuffers.ALLOCATOR, message);
        EmbeddedChannel channel =
                UntrackedBuffers.channel(new ChatFrameDecoder(ChatProtocol.MAX_HEADER_VALUE), decoder);
        try {
            channel.writeInbound(wire);
            assertThat((Object) channel.readInbound()).isEqualTo(message);
        } finally {
            assertThat(channel.finishAndReleaseAll()).isFalse();
            assertThat(wire.refCnt()).as("frame decoder released the encoded bytes").isZero();
        }
    }

    /** Either the decoded message or the error code. */
    private record Outcome(ChatMessage message, ErrorCode error) {
    }
}
