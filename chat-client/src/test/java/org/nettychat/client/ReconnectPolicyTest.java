package org.nettychat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy =
            new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, 5);

    @Test
    void delay_whenNoJitterDrawn_thenDoublesUntilCapped() {
        assertThat(policy.delay(1, () -> 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(2, () -> 0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(4, () -> 0)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delay(5, () -> 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(10_000, () -> 0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void delay_whenJitterDrawn_thenTakesAtMostTheJitterFractionOff() {
        assertThat(policy.delay(2, () -> 0.999)).isBetween(Duration.ofMillis(100), Duration.ofMillis(101));
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
    }

    @Test
    void allowsAttempt_whenPastMaxAttempts_thenFalse() {
        assertThat(policy.allowsAttempt(5)).isTrue();
        assertThat(policy.allowsAttempt(6)).isFalse();
        assertThat(ReconnectPolicy.DISABLED.allowsAttempt(1)).isFalse();
    }

    @Test
    void constructor_whenJitterOutOfRange_thenRefused() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 1.5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jitter");
    }
}
