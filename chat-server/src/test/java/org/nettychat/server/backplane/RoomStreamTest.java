package org.nettychat.server.backplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatLine;

class RoomStreamTest {

    private final List<String> applied = new ArrayList<>();
    private CompletableFuture<List<ChatLine>> historyAnswer = new CompletableFuture<>();
    private int historyReads;
    private final List<Long> retryDelays = new ArrayList<>();
    private final List<Runnable> retries = new ArrayList<>();
    private final RoomStream stream = new RoomStream(() -> {
        historyReads++;
        return historyAnswer;
    }, line -> applied.add("m" + line.id()), (task, delayMillis) -> {
        retryDelays.add(delayMillis);
        retries.add(task);
    });

    /** Fails the pending history read and runs the retry it schedules, if any; true when there was one. */
    private boolean failHistoryReadAndRetry() {
        historyAnswer.completeExceptionally(new IllegalStateException("redis down"));
        historyAnswer = new CompletableFuture<>();
        if (retries.isEmpty()) {
            return false;
        }
        retries.remove(0).run();
        return true;
    }

    private static ChatLine line(long id) {
        return new ChatLine(id, "dev", "bob", "text " + id, id);
    }

    private static List<ChatLine> lines(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(RoomStreamTest::line).toList();
    }

    @Test
    void message_whenInOrder_thenDeliveredAtOnce() {
        stream.message(line(7));
        stream.message(line(8));
        stream.event(() -> applied.add("joined"));
        assertThat(applied).containsExactly("m7", "m8", "joined");
        assertThat(historyReads).isZero();
    }

    @Test
    void message_afterAGap_thenMissedOnesComeFromHistoryFirstAndLaterEventsWait() {
        stream.message(line(1));
        stream.message(line(2));
        stream.message(line(5));
        stream.event(() -> applied.add("joined"));
        stream.message(line(6));
        assertThat(applied).containsExactly("m1", "m2");

        historyAnswer.complete(lines(1, 5));

        assertThat(applied).containsExactly("m1", "m2", "m3", "m4", "m5", "joined", "m6");
        assertThat(historyReads).isEqualTo(1);
    }

    @Test
    void resubscribed_thenWhatWasSaidMeanwhileIsDelivered() {
        stream.message(line(3));
        stream.resubscribed();
        historyAnswer.complete(lines(1, 6));
        stream.message(line(6));
        stream.message(line(7));
        assertThat(applied).containsExactly("m3", "m4", "m5", "m6", "m7");
    }

    @Test
    void message_whenIdsStartAgain_thenDeliveredAsNew() {
        stream.message(line(10));
        stream.message(line(1));
        stream.message(line(2));
        assertThat(applied).containsExactly("m10", "m1", "m2");
    }

    @Test
    void catchUp_whenHistoryCannotBeReadYet_thenReadsAgainAndDeliversWhatWasMissed() {
        stream.message(line(1));
        stream.message(line(4));
        assertThat(failHistoryReadAndRetry()).isTrue();
        assertThat(failHistoryReadAndRetry()).isTrue();
        stream.message(line(5));
        assertThat(applied).containsExactly("m1");

        historyAnswer.complete(lines(1, 4));

        assertThat(applied).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(historyReads).isEqualTo(3);
        assertThat(retryDelays).containsExactly(100L, 200L);
    }

    @Test
    void catchUp_whenHistoryStaysUnreadable_thenGivesUpAfterItsAttemptsAndGoesOnWithWhatItHas() {
        stream.message(line(1));
        stream.message(line(4));
        int retried = 0;
        while (failHistoryReadAndRetry()) {
            retried++;
        }
        stream.message(line(5));

        assertThat(applied).containsExactly("m1", "m4", "m5");
        assertThat(historyReads).isEqualTo(RoomStream.HISTORY_ATTEMPTS);
        assertThat(retried).isEqualTo(RoomStream.HISTORY_ATTEMPTS - 1);
        assertThat(retryDelays.stream().mapToLong(Long::longValue).sum()).isBetween(10_000L, 20_000L);
    }

    @Test
    void catchUp_whenTheHistoryEndsBelowWhatWasDelivered_thenTheRoomStartedAgainAndAllOfItIsNew() {
        stream.message(line(50));
        stream.resubscribed();

        historyAnswer.complete(lines(1, 2));
        stream.message(line(3));

        assertThat(applied).containsExactly("m50", "m1", "m2", "m3");
    }

    @Test
    void catchUp_whenTheHistoryCannotFillTheGap_thenTheGapIsAcceptedWithoutReadingAgain() {
        stream.message(line(1));
        stream.message(line(3));

        historyAnswer.complete(List.of());
        stream.message(line(4));

        assertThat(applied).containsExactly("m1", "m3", "m4");
        assertThat(historyReads).isEqualTo(1);
    }

    @Test
    void catchUp_whenTheRoomStartedAgainAndItsNewMessagesWereHeld_thenEachIsDeliveredOnce() {
        stream.message(line(50));
        stream.resubscribed();
        stream.message(line(1));
        stream.message(line(2));

        historyAnswer.complete(lines(1, 2));

        assertThat(applied).containsExactly("m50", "m1", "m2");
    }

    @Test
    void resubscribed_whileTheHistoryIsRead_thenReadsItAgainBeforeTheHeldMessages() {
        stream.message(line(1));
        stream.message(line(3));
        stream.resubscribed();
        stream.message(line(6));
        CompletableFuture<List<ChatLine>> firstRead = historyAnswer;
        historyAnswer = new CompletableFuture<>();

        firstRead.complete(lines(1, 3));
        historyAnswer.complete(lines(1, 6));

        assertThat(applied).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(historyReads).isEqualTo(2);
    }
}
