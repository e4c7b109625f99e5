package org.nettychat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.ServerMessage;

/**
 * Property: every message, with any values its record accepts, comes back equal after {@link ChatMessageEncoder},
 * {@link ChatFrameDecoder} and the message decoder of the receiving side, however its bytes are cut up on the way.
 *
 * <p>The cases are drawn from a random seed that is printed; {@code -Dchat.seed=N} draws the same cases again. Buffers
 * are untracked by the leak detector, for speed; the test checks that each one is released.
 */
class ChatMessageRoundTripTest {

    private static final long SEED = Long.getLong("chat.seed", System.nanoTime());
    private static final int CASES = 3000;
    private static final int SPLIT_CASES = 1000;
    private static final int MAX_MESSAGES_PER_SPLIT_CASE = 4;

    @BeforeAll
    static void printSeed() {
        System.out.println(ChatMessageRoundTripTest.class.getSimpleName() + ": chat.seed=" + SEED
                + " (reproduce with -Dchat.seed=" + SEED + ")");
    }

    @Test
    void roundTrip_whenAnyClientMessage_thenServerDecodesItEqual() {
        RandomMessages messages = new RandomMessages(new Random(SEED));
        Set<Class<?>> seen = new HashSet<>();
        EmbeddedChannel server = channel(ChatMessageDecoder.SERVER_SIDE);
        for (int i = 0; i < CASES; i++) {
            ClientMessage message = messages.clientMessage();
            seen.add(message.getClass());
            assertThat(sendWhole(server, message)).as(reproduce(i)).isEqualTo(message);
        }
        assertThat(server.finishAndReleaseAll()).isFalse();
        assertThat(names(seen)).isEqualTo(names(Set.of(ClientMessage.class.getPermittedSubclasses())));
    }

    @Test
    void roundTrip_whenAnyServerMessage_thenClientDecodesItEqual() {
        RandomMessages messages = new RandomMessages(new Random(SEED));
        Set<Class<?>> seen = new HashSet<>();
        EmbeddedChannel client = channel(ChatMessageDecoder.CLIENT_SIDE);
        for (int i = 0; i < CASES; i++) {
            ServerMessage message = messages.serverMessage();
            seen.add(message.getClass());
            assertThat(sendWhole(client, message)).as(reproduce(i)).isEqualTo(message);
        }
        assertThat(client.finishAndReleaseAll()).isFalse();
        assertThat(names(seen)).isEqualTo(names(Set.of(ServerMessage.class.getPermittedSubclasses())));
    }

    @Test
    void roundTrip_whenBytesArriveCutAtRandomPoints_thenDecodesTheSameMessages() {
        Random random = new Random(SEED);
        RandomMessages messages = new RandomMessages(random);
        for (int i = 0; i < SPLIT_CASES; i++) {
            boolean fromClient = random.nextBoolean();
            Function<RandomMessages, ChatMessage> next =
                    fromClient ? RandomMessages::clientMessage : RandomMessages::serverMessage;
            List<ChatMessage> sent = new ArrayList<>();
            for (int n = 1 + random.nextInt(MAX_MESSAGES_PER_SPLIT_CASE); n > 0; n--) {
                sent.add(next.apply(messages));
            }
            EmbeddedChannel receiver =
                    channel(fromClient ? ChatMessageDecoder.SERVER_SIDE : ChatMessageDecoder.CLIENT_SIDE);
            List<Object> received = sendInPieces(receiver, sent, random);
            assertThat(received).as(reproduce(i)).isEqualTo(sent);
        }
    }

    /** Encodes {@code message}, writes it in one piece and returns what was decoded. */
    private static Object sendWhole(EmbeddedChannel channel, ChatMessage message) {
        ByteBuf wire = ChatMessageEncoder.encode(UntrackedBuffers.ALLOCATOR, message);
        channel.writeInbound(wire);
        assertThat(wire.refCnt()).as("encoded bytes released").isZero();
        return channel.readInbound();
    }

    /** Encodes {@code messages} back to back, writes the bytes in random pieces and returns what was decoded. */
    private static List<Object> sendInPieces(EmbeddedChannel channel, List<ChatMessage> messages, Random random) {
        ByteBuf wire = UntrackedBuffers.ALLOCATOR.buffer();
        try {
            messages.forEach(message -> ChatMessageEncoder.encode(message, wire));
            List<Object> received = new ArrayList<>();
            for (int from = 0, to; from < wire.writerIndex(); from = to) {
                to = random.nextInt(8) == 0 ? from + 1 : Math.min(wire.writerIndex(), from + 1 + random.nextInt(64));
                channel.writeInbound(wire.retainedSlice(from, to - from));
                for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
                    received.add(message);
                }
            }
            assertThat(channel.finishAndReleaseAll()).isFalse();
            assertThat(wire.refCnt()).as("every piece released").isEqualTo(1);
            return received;
        } finally {
            wire.release();
        }
    }

    /** A frame decoder that accepts what any sender may send, as a client must for server frames. */
    private static EmbeddedChannel channel(ChatMessageDecoder side) {
        return UntrackedBuffers.channel(new ChatFrameDecoder(ChatProtocol.MAX_HEADER_VALUE), side);
    }

    private static String reproduce(int caseIndex) {
        return "case " + caseIndex + " of -Dchat.seed=" + SEED;
    }

    private static Set<String> names(Set<Class<?>> types) {
        Set<String> names = new TreeSet<>();
        types.forEach(type -> names.add(type.getSimpleName()));
        return names;
    }
}
