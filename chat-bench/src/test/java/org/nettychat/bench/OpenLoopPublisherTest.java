package org.nettychat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Say;

class OpenLoopPublisherTest {

    @Test
    void start_withLeadIn_thenLeadInMessagesComeFirstStampedZeroAndOnlyTheRestCountForTheStep() {
        EmbeddedChannel channel = new EmbeddedChannel();
        LoopStats stats = new LoopStats(channel.eventLoop());
        // 2,000 msg/s: 40 in the 20 ms lead-in, then 60 in the 30 ms step.
        List<OpenLoopPublisher.Ticker> tickers = OpenLoopPublisher.start(List.<Channel>of(channel),
                Map.<EventLoop, LoopStats>of(channel.eventLoop(), stats), 2000, TimeUnit.MILLISECONDS.toNanos(20),
                TimeUnit.MILLISECONDS.toNanos(30), 3, 60);
        Future<Void> done = OpenLoopPublisher.whenDone(tickers, channel.eventLoop());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.isDone() && System.nanoTime() < deadline) {
            channel.runPendingTasks();
        }
        assertThat(done.isSuccess()).as("tickers finished within 30 s").isTrue();

        List<Integer> steps = new ArrayList<>();
        for (Say say = channel.readOutbound(); say != null; say = channel.readOutbound()) {
            steps.add(Integer.parseInt(say.text().split(":")[1]));
        }
        assertThat(steps).hasSize(100);
        assertThat(steps.subList(0, 40)).containsOnly(OpenLoopPublisher.LEAD_IN_STEP);
        assertThat(steps.subList(40, 100)).containsOnly(3);
        assertThat(stats.snapshot(OpenLoopPublisher.LEAD_IN_STEP, false).sent()).isEqualTo(40);
        assertThat(stats.snapshot(3, false).sent()).isEqualTo(60);
        assertThat(OpenLoopPublisher.result(tickers).sent()).isEqualTo(60);
        assertThat(stats.snapshot(3, true).lag().getTotalCount()).as("ticks of the step whose lateness was recorded")
                .isPositive();
        channel.finishAndReleaseAll();
    }

    @Test
    void start_whenTheStepIsTheLeadInStep_thenRefused() {
        EmbeddedChannel channel = new EmbeddedChannel();
        assertThatThrownBy(() -> OpenLoopPublisher.start(List.<Channel>of(channel), Map.of(), 10, 0, 1_000_000,
                OpenLoopPublisher.LEAD_IN_STEP, 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lead-in");
        channel.finishAndReleaseAll();
    }
}
