package org.nettychat.server.auth;

import java.net.InetAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether a {@code hello} may have its name. Password hashing is deliberately slow, so it runs on a small
 * pool of its own, never on an event loop; the pool's queue is bounded, and a login that finds it full is refused as
 * busy rather than queued without limit.
 */
public final class Authenticator implements AutoCloseable {

    /** What became of a login attempt. */
    public enum Verdict {
        /** The name has no account: first come, first served. */
        OPEN,
        /** The name has an account and the password matches. */
        ACCEPTED,
        /** The name has an account and the password is wrong or missing. */
        REJECTED,
        /** Too many failed logins from this address lately. */
        THROTTLED,
        /** Too many logins are being checked right now. */
        BUSY
    }

    private static final int THREADS = 2;
    private static final int QUEUE = 256;

    private final Accounts accounts;
    private final LoginThrottle throttle = new LoginThrottle();
    private final ThreadPoolExecutor hashing;

    public Authenticator(Accounts accounts) {
        this.accounts = accounts;
        AtomicInteger count = new AtomicInteger();
        this.hashing = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "chat-auth-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Checks a login for {@code name} with {@code password} (may be null) from {@code client} (may be null). */
    public CompletionStage<Verdict> check(String name, String password, InetAddress client) {
        PasswordHash hash = accounts.find(name).orElse(null);
        if (hash == null) {
            return CompletableFuture.completedFuture(Verdict.OPEN);
        }
        long now = System.nanoTime();
        throttle.prune(now);
        switch (throttle.tryAcquire(client, now)) {
            case REFUSED:
                return CompletableFuture.completedFuture(Verdict.THROTTLED);
            case WAIT:
                return CompletableFuture.completedFuture(Verdict.BUSY);
            default:
                break;
        }
        if (password == null) {
            throttle.failed(client);
            return CompletableFuture.completedFuture(Verdict.REJECTED);
        }
        try {
            return CompletableFuture.supplyAsync(() -> verdict(hash, password, client), hashing);
        } catch (RejectedExecutionException e) {
            throttle.passed(client);
            return CompletableFuture.completedFuture(Verdict.BUSY);
        }
    }

    private Verdict verdict(PasswordHash hash, String password, InetAddress client) {
        if (hash.matches(password.toCharArray())) {
            throttle.passed(client);
            return Verdict.ACCEPTED;
        }
        throttle.failed(client);
        return Verdict.REJECTED;
    }

    @Override
    public void close() {
        hashing.shutdownNow();
    }
}
