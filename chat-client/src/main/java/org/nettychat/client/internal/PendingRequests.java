package org.nettychat.client.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The requests a session has sent or queued and not yet seen answered, by ref, in the order they were made. The map is
 * touched only on the session's event loop; {@link #nextRef()} may be called from any thread.
 *
 * <p>Refs start with a random prefix per session: the server recognises a re-sent {@code say} by user, room and ref,
 * so a new process under the same name must never reuse the refs of an earlier one.
 */
final class PendingRequests {

    /** Most requests a session may have waiting; more fail at once rather than queue without bound. */
    static final int MAX_PENDING = 1024;

    private static final int PREFIX_CHARS = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, PendingRequest<?>> byRef = new LinkedHashMap<>();

    PendingRequests() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(PREFIX_CHARS + 1);
        for (int i = 0; i < PREFIX_CHARS; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        prefix = sb.append('-').toString();
    }

    /** A ref no other request of this or any other session uses. Thread-safe. */
    String nextRef() {
        return prefix + counter.incrementAndGet();
    }

    /** Adds {@code request}; false when {@link #MAX_PENDING} requests already wait. */
    boolean add(PendingRequest<?> request) {
        if (byRef.size() >= MAX_PENDING) {
            return false;
        }
        byRef.put(request.ref(), request);
        return true;
    }

    /** The request with {@code ref}, or null. */
    PendingRequest<?> get(String ref) {
        return ref == null ? null : byRef.get(ref);
    }

    /** Removes and returns the request with {@code ref}, or null. */
    PendingRequest<?> remove(String ref) {
        return ref == null ? null : byRef.remove(ref);
    }

    /** The waiting requests, oldest first (a copy). */
    List<PendingRequest<?>> inOrder() {
        return new ArrayList<>(byRef.values());
    }

    /**
     * Removes and fails the requests that were sent, not answered, and must not be sent again after a reconnect. Those
     * still waiting to be sent stay, to go out on the next connection.
     */
    void failUnsafeToResend(ListenerDispatcher events, Supplier<? extends Throwable> cause) {
        for (Iterator<PendingRequest<?>> it = byRef.values().iterator(); it.hasNext(); ) {
            PendingRequest<?> request = it.next();
            if (request.onReconnect() == PendingRequest.OnReconnect.FAIL && request.wasSent()) {
                it.remove();
                events.fail(request.future(), cause.get());
            }
        }
    }

    /** Removes and fails every request. */
    void failAll(ListenerDispatcher events, Supplier<? extends Throwable> cause) {
        List<PendingRequest<?>> all = inOrder();
        byRef.clear();
        all.forEach(request -> events.fail(request.future(), cause.get()));
    }
}
