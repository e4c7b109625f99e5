package org.nettychat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nettychat.server.backplane.JoinResult;

class RoomsTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private synchronized EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        return channel;
    }

    @Test
    void join_whenNodeIsFull_thenOnlyAnEmptyRoomMakesWayForANewOne() {
        Rooms rooms = new Rooms(10, Long.MAX_VALUE, 100, 2);
        EmbeddedChannel alice = channel();
        EmbeddedChannel bob = channel();
        assertThat(rooms.join("a", alice, "alice", null, ALLOC)).isEqualTo(JoinResult.JOINED);
        assertThat(rooms.join("b", bob, "bob", null, ALLOC)).isEqualTo(JoinResult.JOINED);
        rooms.leave("b", bob, "bob", "left", ALLOC);

        assertThat(rooms.join("c", bob, "bob", null, ALLOC)).isEqualTo(JoinResult.JOINED);
        assertThat(rooms.join("d", bob, "bob", null, ALLOC)).isEqualTo(JoinResult.NO_ROOM_LEFT);
        assertThat(rooms.open("d")).isEmpty();
        assertThat(rooms.join("a", bob, "bob", null, ALLOC)).isEqualTo(JoinResult.JOINED);

        rooms.leave("a", alice, "alice", "left", ALLOC);
        rooms.leave("a", bob, "bob", "left", ALLOC);
        assertThat(rooms.join("d", alice, "alice", null, ALLOC)).isEqualTo(JoinResult.JOINED);
        assertThat(rooms.find("a")).isEmpty();
        assertThat(rooms.list()).extracting(room -> room.name()).containsExactly("c", "d");
    }

    @Test
    void join_whenThreadsCreateRoomsAtOnce_thenTheNodeNeverHoldsMoreThanItsMaximum() throws Exception {
        int maxRooms = 100;
        int threads = 4;
        int roomsPerThread = 60;
        Rooms rooms = new Rooms(10, Long.MAX_VALUE, 100, maxRooms);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> joined = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                joined.add(pool.submit(() -> {
                    start.await();
                    int count = 0;
                    for (int i = 0; i < roomsPerThread; i++) {
                        if (rooms.join(prefix + i, channel(), "user", null, ALLOC) == JoinResult.JOINED) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> each : joined) {
                total += each.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(maxRooms);
            assertThat(rooms.count()).isEqualTo(maxRooms);
        } finally {
            pool.shutdownNow();
        }
    }
}
