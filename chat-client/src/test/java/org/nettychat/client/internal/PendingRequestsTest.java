package org.nettychat.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nettychat.client.ChatException;
import org.nettychat.client.ChatListener;
import org.nettychat.client.internal.PendingRequest.OnReconnect;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.SendDm;

class PendingRequestsTest {

    private final PendingRequests pending = new PendingRequests();
    private final ListenerDispatcher events = new ListenerDispatcher(new ChatListener() { }, Runnable::run);

    private PendingRequest<Void> dm(String text) {
        String ref = pending.nextRef();
        PendingRequest<Void> request = PendingRequest.of(new SendDm("bob", text, ref), ref, Ack.class, ack -> null,
                OnReconnect.FAIL);
        pending.add(request);
        return request;
    }

    @Test
    void connectionLost_failsOnlyTheRequestsItMayHaveCarriedOut() {
        PendingRequest<Void> sent = dm("sent");
        sent.countSend();
        PendingRequest<Void> waiting = dm("still waiting to be sent");

        pending.failUnsafeToResend(events, () -> new ChatException("connection lost", null));

        assertThat(sent.future()).isCompletedExceptionally();
        assertThat(waiting.future()).isNotDone();
        assertThat(pending.inOrder()).containsExactly(waiting);
    }

    @Test
    void refusedForRate_makesTheRequestUnsentAgain_untilRefusedTooOften() {
        PendingRequest<Void> request = dm("hi");
        for (int i = 0; i < PendingRequest.MAX_RATE_REFUSALS; i++) {
            request.countSend();
            assertThat(request.refusedForRate()).isTrue();
            assertThat(request.wasSent()).isFalse();
        }
        request.countSend();
        assertThat(request.refusedForRate()).isFalse();
    }
}
