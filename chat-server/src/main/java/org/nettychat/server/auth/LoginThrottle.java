package org.nettychat.server.auth;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Limits failed logins per client address: after {@link #MAX_FAILURES} failures within {@link #WINDOW_NANOS}, further
 * attempts from that address are refused without checking the password until the window has passed. A check takes
 * its place in the window before it starts and gives it back only when the password was right, so many checks at once
 * cannot get past the limit while their hashes are computed.
 */
public final class LoginThrottle {

    /** Failures allowed per address within the window. */
    public static final int MAX_FAILURES = 5;
    /** The window, one minute. */
    public static final long WINDOW_NANOS = 60_000_000_000L;

    private final ConcurrentMap<InetAddress, Window> windows = new ConcurrentHashMap<>();

    /** An address's window: when it started, and its failed checks plus those under way. */
    private record Window(long start, int attempts) {
    }

    /**
     * Takes a place for one password check from {@code address}; false, taking nothing, when its window is full.
     * Give the place back with {@link #release} when the password was right.
     */
    public boolean tryAcquire(InetAddress address, long now) {
        if (address == null) {
            return true;
        }
        boolean[] acquired = {false};
        windows.compute(address, (key, window) -> {
            if (window == null || now - window.start() > WINDOW_NANOS) {
                acquired[0] = true;
                return new Window(now, 1);
            }
            if (window.attempts() < MAX_FAILURES) {
                acquired[0] = true;
                return new Window(window.start(), window.attempts() + 1);
            }
            return window;
        });
        return acquired[0];
    }

    /**
     * The check {@link #tryAcquire} made room for did not fail (the password was right, or it was never checked): its
     * place is given back.
     */
    public void release(InetAddress address) {
        if (address != null) {
            windows.computeIfPresent(address,
                    (key, window) -> window.attempts() <= 1 ? null : new Window(window.start(), window.attempts() - 1));
        }
    }

    /** Forgets windows that have passed, so the map does not grow with every address ever seen. */
    public void prune(long now) {
        windows.values().removeIf(window -> now - window.start() > WINDOW_NANOS);
    }
}
