package org.nettychat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.nettychat.server.auth.LoginThrottle.Attempt;

class LoginThrottleTest {

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private final LoginThrottle throttle = new LoginThrottle();

    /** Starts as many checks as one window allows, all still under way. */
    private void startAllowedChecks() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.tryAcquire(CLIENT, 0)).isEqualTo(Attempt.CHECK);
        }
    }

    @Test
    void tryAcquire_whileChecksThatCouldStillFailFillTheWindow_thenWaitNotRefused() {
        startAllowedChecks();
        assertThat(throttle.tryAcquire(CLIENT, 0)).isEqualTo(Attempt.WAIT);
    }

    @Test
    void passed_givesTheCheckItsPlaceBack_soRightPasswordsAtOnceAreNotRefused() {
        startAllowedChecks();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.passed(CLIENT);
        }
        startAllowedChecks();
    }

    @Test
    void failed_untilTheLimit_thenRefusedUntilTheWindowHasPassed() {
        startAllowedChecks();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.failed(CLIENT);
        }
        assertThat(throttle.tryAcquire(CLIENT, 0)).isEqualTo(Attempt.REFUSED);
        assertThat(throttle.tryAcquire(CLIENT, LoginThrottle.WINDOW_NANOS + 1)).isEqualTo(Attempt.CHECK);
    }
}
