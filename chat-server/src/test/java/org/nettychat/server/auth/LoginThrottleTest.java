package org.nettychat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private final LoginThrottle throttle = new LoginThrottle();

    private void fillTheWindow() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.tryAcquire(CLIENT, 0)).isTrue();
        }
    }

    @Test
    void tryAcquire_countsChecksStillUnderWay_soConcurrentGuessesCannotPassTheLimit() {
        fillTheWindow();
        assertThat(throttle.tryAcquire(CLIENT, 0)).isFalse();
    }

    @Test
    void release_givesTheCheckItsPlaceBack() {
        fillTheWindow();
        throttle.release(CLIENT);
        assertThat(throttle.tryAcquire(CLIENT, 0)).isTrue();
        assertThat(throttle.tryAcquire(CLIENT, 0)).isFalse();
    }

    @Test
    void tryAcquire_onceTheWindowHasPassed_thenAllowsAgain() {
        fillTheWindow();
        assertThat(throttle.tryAcquire(CLIENT, LoginThrottle.WINDOW_NANOS + 1)).isTrue();
    }
}
