package org.nettychat.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.nettychat.client.ChatException;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.ServerMessage;

/**
 * A request waiting for its answer: the message (carrying its ref), how to turn the reply into the result, and whether
 * it may be sent again after a reconnect. Touched only on the session's event loop.
 *
 * @param <T> the result type
 */
final class PendingRequest<T> {

    /** What happens to an unanswered request when the connection is lost. */
    enum OnReconnect {
        /** Send it again with the same ref: the server carries it out at most once or it does no harm twice. */
        RESEND,
        /** Fail it: the server may have carried it out already. */
        FAIL
    }

    /** Refusals under the rate limit after which a request fails with the server's error. */
    static final int MAX_RATE_REFUSALS = 5;

    /** Numbers requests in the order they were made, across sessions; unsent requests leave in this order. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final long sequence = SEQUENCE.incrementAndGet();
    private final ClientMessage message;
    private final String ref;
    private final Function<ServerMessage, T> reply;
    private final OnReconnect onReconnect;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private int sends;
    private int refusals;

    private PendingRequest(ClientMessage message, String ref, Function<ServerMessage, T> reply,
            OnReconnect onReconnect) {
        this.message = message;
        this.ref = ref;
        this.reply = reply;
        this.onReconnect = onReconnect;
    }

    /** A request whose answer is a {@code replyType} message that {@code value} turns into the result. */
    static <R extends ServerMessage, T> PendingRequest<T> of(ClientMessage message, String ref, Class<R> replyType,
            Function<R, T> value, OnReconnect onReconnect) {
        Function<ServerMessage, T> reply = answer -> {
            if (!replyType.isInstance(answer)) {
                throw new ChatException(ErrorCode.BAD_MESSAGE, "expected " + replyType.getSimpleName()
                        + " for ref " + ref + ", got " + answer.getClass().getSimpleName());
            }
            return value.apply(replyType.cast(answer));
        };
        return new PendingRequest<>(message, ref, reply, onReconnect);
    }

    /** When it was made, relative to other requests: a lower number was made earlier. */
    long sequence() {
        return sequence;
    }

    ClientMessage message() {
        return message;
    }

    String ref() {
        return ref;
    }

    OnReconnect onReconnect() {
        return onReconnect;
    }

    CompletableFuture<T> future() {
        return future;
    }

    /** Counts one more send and returns how many there have been since the last answer. */
    int countSend() {
        return ++sends;
    }

    /** Whether it was sent and has had no answer since. */
    boolean wasSent() {
        return sends > 0;
    }

    /**
     * Counts a refusal under the server's rate limit: an answer saying the request was not carried out, so it is
     * unsent again. True while it may be sent again, at most {@link #MAX_RATE_REFUSALS} times.
     */
    boolean refusedForRate() {
        sends = 0;
        return ++refusals <= MAX_RATE_REFUSALS;
    }

    /** Completes the future from the server's answer, on {@code events}' executor. */
    void answer(ServerMessage answer, ListenerDispatcher events) {
        if (answer instanceof ErrorMessage error) {
            events.fail(future, new ChatException(error.errorCode(), error.text()));
            return;
        }
        try {
            events.complete(future, reply.apply(answer));
        } catch (ChatException e) {
            events.fail(future, e);
        }
    }
}
