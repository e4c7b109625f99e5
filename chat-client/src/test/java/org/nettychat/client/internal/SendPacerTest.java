package org.nettychat.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Welcome;

class SendPacerTest {

    private static final long START = 1_000_000_000L;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static Welcome welcome(Integer rate, Integer burst) {
        return new Welcome("alice", 1, null, 16384, "e", rate, burst);
    }

    /** Takes tokens at {@code now} until one is missing; returns how many it took. */
    private static int takeAll(SendPacer pacer, long now) {
        int taken = 0;
        while (pacer.nanosUntilToken(now) == 0 && taken < 1000) {
            pacer.take();
            taken++;
        }
        return taken;
    }

    @Test
    void pacer_whenTheServerAnnouncesNoLimit_thenNeverWaits() {
        SendPacer pacer = SendPacer.announcedBy(welcome(null, null), START);
        assertThat(takeAll(pacer, START)).isEqualTo(1000);
    }

    @Test
    void pacer_atLogin_thenSendsThreeQuartersOfALargeBurstAtOnce() {
        SendPacer pacer = SendPacer.announcedBy(welcome(20, 40), START);
        assertThat(takeAll(pacer, START)).isEqualTo(30);
        assertThat(pacer.nanosUntilToken(START)).isEqualTo(SECOND / 20);
    }

    @Test
    void pacer_whenEmpty_thenOneTokenPerIntervalAndNoMoreThanItsCapacityAfterAPause() {
        SendPacer pacer = SendPacer.announcedBy(welcome(10, 5), START);
        takeAll(pacer, START);
        assertThat(takeAll(pacer, START + SECOND / 10)).isEqualTo(1);
        assertThat(takeAll(pacer, START + SECOND / 10 + SECOND / 20)).isZero();
        assertThat(takeAll(pacer, START + 60 * SECOND)).isEqualTo(5 - SendPacer.HEADROOM);
    }

    @Test
    void capacity_keepsAQuarterOfTheBurstOrTheHeadroomWhicheverIsMore() {
        assertThat(SendPacer.capacity(40)).isEqualTo(30);
        assertThat(SendPacer.capacity(8)).isEqualTo(8 - SendPacer.HEADROOM);
        assertThat(SendPacer.capacity(2)).isEqualTo(1);
    }

    @Test
    void pacer_whenTheBurstIsNoLargerThanTheHeadroom_thenStillSendsOneAtATime() {
        SendPacer pacer = SendPacer.announcedBy(welcome(1, 1), START);
        assertThat(takeAll(pacer, START)).isEqualTo(1);
        assertThat(pacer.nanosUntilToken(START)).isEqualTo(SECOND);
    }

    @Test
    void pacer_whenTheServerRefusedAFrame_thenWaitsAFullIntervalWhateverItHad() {
        SendPacer pacer = SendPacer.announcedBy(welcome(4, 40), START);
        pacer.refused(START);
        assertThat(pacer.nanosUntilToken(START)).isEqualTo(SECOND / 4);
        assertThat(takeAll(pacer, START + SECOND / 4)).isEqualTo(1);
    }
}
