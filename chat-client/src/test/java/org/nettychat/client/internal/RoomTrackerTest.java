package org.nettychat.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatLine;

class RoomTrackerTest {

    private final RoomTracker tracker = new RoomTracker();

    private static ChatLine line(long id, String text) {
        return new ChatLine(id, "dev", "bob", text, 1000 + id);
    }

    private void joinWithBacklog(ChatLine... backlog) {
        tracker.joined("dev");
        tracker.track("dev", List.of(backlog));
    }

    @Test
    void accept_whenLineRepeatsOneDelivered_thenDropped() {
        joinWithBacklog(line(1, "a"), line(2, "b"));
        assertThat(tracker.accept(line(3, "c"))).isTrue();

        assertThat(tracker.accept(line(2, "b"))).isFalse();
        assertThat(tracker.acceptAll(List.of(line(3, "c"), line(4, "d")))).containsExactly(line(4, "d"));
    }

    @Test
    void accept_whenEpochChangedAndIdsStartAgain_thenDeliveredAsNew() {
        joinWithBacklog(line(1, "a"), line(2, "b"), line(3, "c"), line(4, "d"));
        ChatLine restarted = new ChatLine(2, "dev", "carol", "after the server restarted", 99_999);
        assertThat(tracker.accept(restarted)).isFalse();

        tracker.restartIds();

        assertThat(tracker.resume()).isEqualTo(Map.of("dev", 0L));
        assertThat(tracker.accept(restarted)).isTrue();
        assertThat(tracker.accept(new ChatLine(3, "dev", "carol", "next", 100_000))).isTrue();
        assertThat(tracker.resume()).isEqualTo(Map.of("dev", 3L));
    }

    @Test
    void accept_whenARoomCountsFromOneAgain_thenItsMessagesAreNew() {
        joinWithBacklog(line(1, "a"), line(2, "b"), line(3, "c"));
        assertThat(tracker.accept(line(1, "a room of the same name, created again"))).isTrue();
        assertThat(tracker.accept(line(2, "its second"))).isTrue();
        assertThat(tracker.accept(line(2, "its second"))).isFalse();
        assertThat(tracker.resume()).isEqualTo(Map.of("dev", 2L));
    }

    @Test
    void accept_whenARoomWhoseOnlyMessageWasSeenCountsFromOneAgain_thenItsFirstMessageIsNew() {
        joinWithBacklog(line(1, "the old room's only message"));
        ChatLine again = new ChatLine(1, "dev", "carol", "the new room's first", 50_000);

        assertThat(tracker.accept(again)).isTrue();
        assertThat(tracker.accept(again)).isFalse();
        assertThat(tracker.accept(line(2, "its second"))).isTrue();
    }

    @Test
    void accept_whenTheFirstMessageRepeats_thenDropped() {
        joinWithBacklog(line(1, "a"));
        assertThat(tracker.accept(line(1, "a"))).isFalse();
    }

    @Test
    void acceptAll_whenAResumedHistoryEndsBelowTheLastIdSeen_thenTheRoomStartedAgainAndAllOfItIsNew() {
        joinWithBacklog(line(499, "old"), line(500, "older"));
        List<ChatLine> history = List.of(line(1, "new 1"), line(2, "new 2"));
        assertThat(tracker.acceptAll(history)).containsExactlyElementsOf(history);
        assertThat(tracker.resume()).isEqualTo(Map.of("dev", 2L));
    }

    @Test
    void resume_whenRoomsJoined_thenEachWithLastSeenIdInJoinOrder() {
        joinWithBacklog(line(5, "e"));
        tracker.joined("lobby");

        assertThat(tracker.resume()).containsExactly(Map.entry("dev", 5L), Map.entry("lobby", 0L));
        assertThat(tracker.current()).contains("lobby");
    }

    @Test
    void joined_whenResumedRoomAlreadyHeld_thenKeepsItsPlaceButJoinByRequestMovesIt() {
        tracker.joined("dev");
        tracker.joined("lobby");

        tracker.joined("dev");
        assertThat(tracker.current()).contains("lobby");

        tracker.joinedByRequest("dev");
        assertThat(tracker.snapshot()).containsExactly("lobby", "dev");
    }

    @Test
    void left_whenRoomLeft_thenForgottenSoNextJoinStartsWithBacklog() {
        joinWithBacklog(line(1, "a"));

        tracker.left("dev");

        assertThat(tracker.isTracked("dev")).isFalse();
        assertThat(tracker.current()).isEmpty();
    }
}
