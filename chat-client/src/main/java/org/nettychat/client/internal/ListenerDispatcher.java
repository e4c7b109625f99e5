package org.nettychat.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.nettychat.client.ChatListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events and future completions to the application's executor, so that no user code runs on a Netty thread. A
 * listener that throws is logged and does not stop later events.
 */
final class ListenerDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final ChatListener listener;
    private final Executor executor;
    private final ExecutorService owned;

    /** Dispatches to {@code executor}, or to a daemon thread of its own when it is null. */
    ListenerDispatcher(ChatListener listener, Executor executor) {
        this.listener = listener;
        this.owned = executor == null
                ? Executors.newSingleThreadExecutor(new NamedThreadFactory("chat-client-listener"))
                : null;
        this.executor = executor == null ? owned : executor;
    }

    /** Calls {@code event} with the listener on the executor; dropped once the executor is shut down. */
    void emit(Consumer<ChatListener> event) {
        if (!run(() -> event.accept(listener))) {
            LOG.debug("Listener executor refused an event after shutdown");
        }
    }

    /**
     * Completes {@code future} on the executor, after the events emitted before; once that is shut down, on the common
     * pool, so that what the application chained to it never runs on a Netty thread.
     */
    <T> void complete(CompletableFuture<T> future, T value) {
        if (!run(() -> future.complete(value))) {
            ForkJoinPool.commonPool().execute(() -> future.complete(value));
        }
    }

    /** Fails {@code future} as {@link #complete} completes it. */
    void fail(CompletableFuture<?> future, Throwable cause) {
        if (!run(() -> future.completeExceptionally(cause))) {
            ForkJoinPool.commonPool().execute(() -> future.completeExceptionally(cause));
        }
    }

    /** Stops the executor of its own once the tasks already handed to it have run. */
    void shutdown() {
        if (owned != null) {
            owned.shutdown();
        }
    }

    /** Hands {@code task} to the executor; false when the executor refused it. */
    private boolean run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("Listener failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
