package org.nettychat.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;
import org.nettychat.server.admin.ServerMetrics;

class IdleHandlerTest {

    private static final long HALF_IDLE_SECONDS = 30;

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void start() {
        channel.freezeTime();
        channel.pipeline().addLast(new IdleHandler(new ServerMetrics(), TimeUnit.SECONDS.toNanos(HALF_IDLE_SECONDS)));
    }

    private void pass(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void idle_whenClientStaysSilent_thenPingedAfterHalfTheTimeoutAndClosedAfterTheRest() {
        start();
        pass(HALF_IDLE_SECONDS - 1);
        assertThat((Object) channel.readOutbound()).isNull();

        pass(1);
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ping(IdleHandler.PING_REF));
        assertThat(channel.isOpen()).isTrue();

        pass(HALF_IDLE_SECONDS);
        assertThat((Object) channel.readOutbound()).isEqualTo(new Bye(Bye.IDLE_TIMEOUT));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void idle_whenClientAnswersThePing_thenStaysConnectedAndIsPingedAgainOnlyAfterNewSilence() {
        start();
        pass(HALF_IDLE_SECONDS);
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ping(IdleHandler.PING_REF));

        pass(10);
        channel.writeInbound(new Pong(IdleHandler.PING_REF));
        pass(HALF_IDLE_SECONDS - 10);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isTrue();

        pass(10);
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ping(IdleHandler.PING_REF));
        assertThat(channel.isOpen()).isTrue();
    }
}
