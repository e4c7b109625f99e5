package org.nettychat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final int TURN = Outbox.FLUSHES_PER_TURN;

    /** Its event loop is the outbox's; its frozen clock makes every turn due at once when the loop runs. */
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final Object lock = new Object();
    private final Outbox outbox = new Outbox(lock, loop.eventLoop());
    private final Member[] members = new Member[TURN * 3 + 5];

    @BeforeEach
    void members() {
        loop.freezeTime();
        for (int i = 0; i < members.length; i++) {
            members[i] = new Member(loop);
        }
    }

    @AfterEach
    void close() {
        loop.finishAndReleaseAll();
    }

    @Test
    void flush_whenTheNextMessageArrivesDuringAFanOut_thenMembersNotYetFlushedGetBothInOneSend() {
        members[3].onFirstFlush = () -> add("two", members);

        add("one", members);
        loop.runPendingTasks();

        for (int i = 0; i < members.length; i++) {
            List<List<String>> expected = i < TURN
                    ? List.of(List.of("one"), List.of("two"))
                    : List.of(List.of("one", "two"));
            assertThat(members[i].sends).as("member %d", i).isEqualTo(expected);
        }
    }

    @Test
    void flush_whenMembershipChangesDuringAFanOut_thenEveryoneGetsWhatWasQueuedForThemInOrder() {
        Member[] after = Arrays.copyOf(members, members.length);
        Member leaver = members[TURN + 1];
        Member joiner = new Member(loop);
        after[TURN + 1] = joiner;
        members[3].onFirstFlush = () -> add("two", after);

        add("one", members);
        loop.runPendingTasks();

        for (Member member : members) {
            if (member != leaver) {
                assertThat(member.received()).containsExactly("one", "two");
                assertThat(member.unsent).isEmpty();
            }
        }
        assertThat(leaver.received()).containsExactly("one");
        assertThat(joiner.received()).containsExactly("two");
    }

    @Test
    void flush_whenAMessageIsForOneMember_thenItIsSentAfterWhatWasQueuedForTheRoom() {
        Member[] one = {members[members.length - 1]};
        members[3].onFirstFlush = () -> add("notice", one);

        add("one", members);
        loop.runPendingTasks();

        assertThat(one[0].received()).containsExactly("one", "notice");
        for (int i = 0; i < members.length - 1; i++) {
            assertThat(members[i].received()).as("member %d", i).containsExactly("one");
        }
    }

    private void add(String text, Member[] targets) {
        synchronized (lock) {
            outbox.add(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII), targets);
        }
    }

    /** A member that records what each flush sent. */
    private static final class Member implements Recipient {

        private final Channel channel;
        private final List<String> unsent = new ArrayList<>();
        private final List<List<String>> sends = new ArrayList<>();
        private Runnable onFirstFlush;

        Member(Channel channel) {
            this.channel = channel;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public void deliver(ByteBuf frames, int count) {
            unsent.add(frames.toString(StandardCharsets.US_ASCII));
            frames.release();
        }

        @Override
        public void flush() {
            if (!unsent.isEmpty()) {
                sends.add(List.copyOf(unsent));
                unsent.clear();
            }
            if (onFirstFlush != null) {
                Runnable action = onFirstFlush;
                onFirstFlush = null;
                action.run();
            }
        }

        List<String> received() {
            return sends.stream().flatMap(List::stream).toList();
        }
    }
}
