package org.nettychat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatLine;

class HistoryBudgetTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    /** A text of 1,000 characters: about 2,120 bytes kept as history. */
    private static final int TEXT_LENGTH = 1000;
    private static final long LINE_BYTES = new Kept.Line(null, line("x".repeat(TEXT_LENGTH))).bytes;

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void say_whenTheNodeGoesOverItsHistoryMemory_thenItsOldestMessagesGoFirstWhateverTheirRoom() {
        Rooms rooms = new Rooms(100, 3 * LINE_BYTES, 100, 10);
        Room a = joined(rooms, "a");
        Room b = joined(rooms, "b");

        a.say("alice", text("a1"), null, 1, ALLOC);
        a.say("alice", text("a2"), null, 2, ALLOC);
        b.say("alice", text("b1"), null, 3, ALLOC);
        b.say("alice", text("b2"), null, 4, ALLOC);

        assertThat(texts(a)).containsExactly("a2");
        assertThat(texts(b)).containsExactly("b1", "b2");
        assertThat(rooms.historyBytes()).isEqualTo(3 * LINE_BYTES);
    }

    @Test
    void say_whenOneMessageIsLargerThanTheWholeBudget_thenNothingIsKeptButItIsStillDelivered() {
        Rooms rooms = new Rooms(100, LINE_BYTES - 1, 100, 10);
        EmbeddedChannel alice = channel();
        rooms.join("a", alice, "alice", null, ALLOC);
        Room a = rooms.find("a").orElseThrow();
        alice.runPendingTasks();
        drain(alice);

        a.say("alice", text("big"), null, 1, ALLOC);

        assertThat(texts(a)).isEmpty();
        assertThat(rooms.historyBytes()).isZero();
        alice.runPendingTasks();
        assertThat(drain(alice)).isPositive();
    }

    @Test
    void say_whenRecentRefsFillTheBudget_thenTheOldestRefsAreForgottenAndTheNewestStillStopRetries() {
        Rooms rooms = new Rooms(0, 4_000, 100, 10);
        Room a = joined(rooms, "a");

        long first = a.say("alice", "hi", "alice\n" + "r".repeat(60) + 0, 1, ALLOC);
        long last = 0;
        for (int i = 1; i <= 100; i++) {
            last = a.say("alice", "hi", "alice\n" + "r".repeat(60) + i, 1, ALLOC);
        }

        assertThat(rooms.historyBytes()).isBetween(1L, 4_000L);
        assertThat(a.say("alice", "hi", "alice\n" + "r".repeat(60) + 100, 1, ALLOC)).isEqualTo(last);
        assertThat(a.say("alice", "hi", "alice\n" + "r".repeat(60) + 0, 1, ALLOC)).isNotEqualTo(first);
    }

    @Test
    void join_whenAFullNodeForgetsAnEmptyRoom_thenItsHistoryMemoryIsGivenBack() {
        Rooms rooms = new Rooms(100, 10 * LINE_BYTES, 100, 1);
        EmbeddedChannel alice = channel();
        rooms.join("a", alice, "alice", null, ALLOC);
        rooms.find("a").orElseThrow().say("alice", text("a1"), "alice\nr1", 1, ALLOC);
        assertThat(rooms.historyBytes()).isGreaterThan(LINE_BYTES);
        rooms.leave("a", alice, "alice", "left", ALLOC);

        rooms.join("b", alice, "alice", null, ALLOC);

        assertThat(rooms.find("a")).isEmpty();
        assertThat(rooms.historyBytes()).isZero();
    }

    @Test
    void say_whenManyThreadsSayInManyRoomsOverTheBudget_thenAllFinishAndTheBudgetHolds() throws Exception {
        int threads = 4;
        int roomsPerThread = 5;
        int saysPerRoom = 200;
        long limit = 50 * LINE_BYTES;
        Rooms rooms = new Rooms(30, limit, 100, threads * roomsPerThread);
        List<Room> all = new ArrayList<>();
        for (int i = 0; i < threads * roomsPerThread; i++) {
            all.add(joined(rooms, "r" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Room> mine = all.subList(t * roomsPerThread, (t + 1) * roomsPerThread);
                // Each thread says in its own rooms, in turns, so every room drops lines to the others' says.
                done.add(pool.submit(() -> {
                    for (int i = 0; i < saysPerRoom; i++) {
                        for (Room room : mine) {
                            room.say("alice", text(room.name() + "-" + i), room.name() + i, i, ALLOC);
                        }
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(rooms.historyBytes()).isBetween(1L, limit);
        long kept = all.stream().mapToLong(room -> room.history(1000, null, null).size()).sum();
        assertThat(kept).isPositive().isLessThanOrEqualTo(50);
    }

    private Room joined(Rooms rooms, String name) {
        rooms.join(name, channel(), "alice", null, ALLOC);
        return rooms.find(name).orElseThrow();
    }

    private synchronized EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        return channel;
    }

    /** Reads and releases what the channel was sent; returns how many writes there were. */
    private static int drain(EmbeddedChannel channel) {
        int writes = 0;
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ReferenceCountUtil.release(out);
            writes++;
        }
        return writes;
    }

    private static List<String> texts(Room room) {
        return room.history(1000, null, null).stream().map(line -> line.text().substring(0, 2)).toList();
    }

    /** A text of {@value #TEXT_LENGTH} characters that starts with {@code start}. */
    private static String text(String start) {
        return start + "x".repeat(TEXT_LENGTH - start.length());
    }

    private static ChatLine line(String text) {
        return new ChatLine(1, "a", "alice", text, 1);
    }
}
