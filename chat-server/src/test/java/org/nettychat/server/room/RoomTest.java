package org.nettychat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatMessageDecoder;

class RoomTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final Rooms rooms = new Rooms(10, Long.MAX_VALUE, 100, 10);
    private final EmbeddedChannel alice = new EmbeddedChannel();
    private final EmbeddedChannel bob = new EmbeddedChannel();

    @AfterEach
    void close() {
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }

    /** Alice, then Bob, join the lobby; what the joins sent them is read and set aside. */
    private void bothInLobby() {
        rooms.join("lobby", alice, "alice", null, ALLOC);
        rooms.join("lobby", bob, "bob", null, ALLOC);
        received(alice);
        received(bob);
    }

    @Test
    void say_whenSeveralAreQueuedBeforeTheLoopRuns_thenEachMemberGetsThemInOrderInOneWrite() {
        bothInLobby();
        Room room = rooms.find("lobby").orElseThrow();

        for (int i = 1; i <= 3; i++) {
            room.say("alice", "line " + i, null, i, ALLOC);
        }

        for (EmbeddedChannel member : List.of(alice, bob)) {
            Received got = received(member);
            assertThat(got.writes()).isEqualTo(1);
            assertThat(got.messages()).extracting(m -> ((ChatLine) m).text())
                    .containsExactly("line 1", "line 2", "line 3");
        }
    }

    @Test
    void join_whenMessagesAreQueuedAroundIt_thenJoinerGetsNoticeAndHistoryFirstAndOthersKeepTheirOrder() {
        rooms.join("lobby", alice, "alice", null, ALLOC);
        received(alice);
        Room room = rooms.find("lobby").orElseThrow();

        room.say("alice", "before", null, 1, ALLOC);
        rooms.join("lobby", bob, "bob", null, ALLOC);
        room.say("alice", "after", null, 2, ALLOC);

        assertThat(received(alice).messages()).extracting(RoomTest::describe)
                .containsExactly("message:before", "joined:bob", "message:after");
        assertThat(received(bob).messages()).extracting(RoomTest::describe)
                .containsExactly("joined:bob", "history:[before]", "message:after");
    }

    @Test
    void leave_whenTheChannelIsNoLongerAMember_thenNobodyHearsOfItAgain() {
        bothInLobby();

        rooms.leave("lobby", bob, "bob", Left.KICKED, ALLOC);
        rooms.leave("lobby", bob, "bob", Left.DISCONNECTED, ALLOC);

        assertThat(received(alice).messages()).extracting(RoomTest::describe).containsExactly("left:bob");
    }

    private static String describe(ChatMessage message) {
        if (message instanceof ChatLine line) {
            return "message:" + line.text();
        }
        if (message instanceof Joined joined) {
            return "joined:" + joined.user();
        }
        if (message instanceof History history) {
            return "history:" + history.messages().stream().map(ChatLine::text).toList();
        }
        if (message instanceof Left left) {
            return "left:" + left.user();
        }
        return message.toString();
    }

    /** What the member's loop wrote since the last call: the number of writes, and the messages in them. */
    private static Received received(EmbeddedChannel member) {
        member.runPendingTasks();
        EmbeddedChannel decoder = new EmbeddedChannel(new ChatFrameDecoder());
        int writes = 0;
        for (ByteBuf written; (written = member.readOutbound()) != null; writes++) {
            decoder.writeInbound(written);
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatFrame frame; (frame = decoder.readInbound()) != null; ) {
            try {
                messages.add(ChatMessageDecoder.decodeServerMessage(frame.body()));
            } finally {
                frame.release();
            }
        }
        decoder.finishAndReleaseAll();
        return new Received(writes, messages);
    }

    private record Received(int writes, List<ChatMessage> messages) {
    }
}
