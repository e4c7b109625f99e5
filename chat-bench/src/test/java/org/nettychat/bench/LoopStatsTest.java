package org.nettychat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopStatsTest {

    @Test
    void ticked_thenTheStepsLagWeighsEachStallByTheTicksItHeldUpAndOtherStepsStayClear() {
        EmbeddedChannel channel = new EmbeddedChannel();
        LoopStats stats = new LoopStats(channel.eventLoop());
        long tick = TimeUnit.MILLISECONDS.toNanos(1);

        stats.ticked(2, -5, tick);
        stats.ticked(2, TimeUnit.MILLISECONDS.toNanos(3), tick);
        stats.ticked(2, TimeUnit.MILLISECONDS.toNanos(40), tick);
        stats.ticked(OpenLoopPublisher.LEAD_IN_STEP, TimeUnit.SECONDS.toNanos(1), tick);

        LatencySummary lag = LatencySummary.of(stats.snapshot(2, true).lag());
        // On time: 1 tick; 3 ms late: it and the 2 ticks that fell due meanwhile; 40 ms late: 40 ticks.
        assertThat(lag.count()).isEqualTo(1 + 3 + 40);
        assertThat(lag.max()).isBetween(39_900L, 40_100L);
        assertThat(lag.p50()).as("the long stall held up most ticks").isGreaterThan(15_000L);
        assertThat(stats.snapshot(2, false).lag()).as("counts only, as progress asks").isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void plus_thenLatencyAndLagOfEveryLoopAreAddedUp() {
        EmbeddedChannel channel = new EmbeddedChannel();
        LoopStats one = new LoopStats(channel.eventLoop());
        LoopStats two = new LoopStats(channel.eventLoop());
        one.delivered(1, 0, TimeUnit.MILLISECONDS.toNanos(2));
        one.ticked(1, 0, TimeUnit.MILLISECONDS.toNanos(1));
        two.delivered(1, 0, TimeUnit.MILLISECONDS.toNanos(9));
        two.ticked(1, TimeUnit.MILLISECONDS.toNanos(7), TimeUnit.MILLISECONDS.toNanos(10));

        LoopStats.StepCounts total = LoopStats.StepCounts.NONE.plus(one.snapshot(1, true)).plus(two.snapshot(1, true));

        assertThat(total.received()).isEqualTo(2);
        assertThat(total.latency().getTotalCount()).isEqualTo(2);
        assertThat(total.lag().getTotalCount()).isEqualTo(2);
        assertThat(total.lag().getMaxValue()).isBetween(6_990L, 7_010L);
        channel.finishAndReleaseAll();
    }
}
