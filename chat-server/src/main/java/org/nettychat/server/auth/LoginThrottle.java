package org.nettychat.server.auth;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Limits failed logins per client address: after {@link #MAX_FAILURES} failures within {@link #WINDOW_NANOS}, further
 * attempts from that address are refused without checking the password until the window has passed.
 */
public final class LoginThrottle {

    /** Failures allowed per address within the window. */
    public static final int MAX_FAILURES = 5;
    /** The window, one minute. */
    public static final long WINDOW_NANOS = 60_000_000_000L;

    private final ConcurrentMap<InetAddress, Window> windows = new ConcurrentHashMap<>();

    private record Window(long start, int failures) {
    }

    /** Whether {@code address} may try a password now. */
    public boolean allows(InetAddress address, long now) {
        if (address == null) {
            return true;
        }
        Window window = windows.get(address);
        return window == null || now - window.start() > WINDOW_NANOS || window.failures() < MAX_FAILURES;
    }

    /** Records a failed login from {@code address}. */
    public void failed(InetAddress address, long now) {
        if (address != null) {
            windows.merge(address, new Window(now, 1), (old, one) -> now - old.start() > WINDOW_NANOS
                    ? one : new Window(old.start(), old.failures() + 1));
        }
    }

    /** Forgets windows that have passed, so the map does not grow with every address ever seen. */
    public void prune(long now) {
        windows.values().removeIf(window -> now - window.start() > WINDOW_NANOS);
    }
}
