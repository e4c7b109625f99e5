package org.nettychat.server.backplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.codec.MessageJson;
import org.nettychat.server.room.Rooms;

class ClusterEventsTest {

    private CompletableFuture<List<String>> historyAnswer = CompletableFuture.completedFuture(List.of());
    private final Rooms rooms = new Rooms(0, 0, 100, Integer.MAX_VALUE);
    private final ClusterEvents events = new ClusterEvents("n1", rooms, new ConcurrentHashMap<>(), 100,
            room -> historyAnswer, (task, delayMillis) -> { });

    private void publish(String room, String event) {
        events.message(RedisKeys.ROOM_CHANNELS, RedisKeys.roomChannel(room), event);
    }

    private static String message(long id) {
        return "M|" + MessageJson.toJson(new ChatLine(id, "dev", "bob", "text " + id, id));
    }

    @Test
    void forgotten_thenTheNodeNoLongerKeepsTheRoomsStream() {
        publish("dev", message(1));
        publish("ops", "J|n2|carol");
        assertThat(events.streams()).isEqualTo(2);

        publish("dev", ClusterEvents.FORGOTTEN);
        publish("gone", ClusterEvents.FORGOTTEN);

        assertThat(events.streams()).isEqualTo(1);
    }

    @Test
    void forgotten_whileItsStreamFillsAGap_thenTheStreamStaysForItsHeldEvents() {
        publish("dev", message(1));
        historyAnswer = new CompletableFuture<>();
        publish("dev", message(3));

        publish("dev", ClusterEvents.FORGOTTEN);
        assertThat(events.streams()).isEqualTo(1);

        historyAnswer.complete(List.of());
        publish("dev", ClusterEvents.FORGOTTEN);
        assertThat(events.streams()).isZero();
    }

    @Test
    void left_thenTheNodeForgetsItsRoomOnceNoOneOnItIsInIt() {
        EmbeddedChannel alice = new EmbeddedChannel();
        try {
            rooms.open("quiet");
            rooms.join("busy", alice, "alice", null, ByteBufAllocator.DEFAULT);

            publish("quiet", "L|n2|bob|leave");
            publish("busy", "L|n2|bob|leave");

            assertThat(rooms.find("quiet")).isEmpty();
            assertThat(rooms.find("busy")).isPresent();
        } finally {
            alice.finishAndReleaseAll();
        }
    }
}
