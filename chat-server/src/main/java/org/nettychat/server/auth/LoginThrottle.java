package org.nettychat.server.auth;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Limits failed logins per client address: after {@link #MAX_FAILURES} failures within {@link #WINDOW_NANOS}, further
 * attempts from that address are refused without checking the password until the window has passed. Checks still
 * under way count against what is left, so many guesses sent at once cannot get past the limit while their hashes are
 * computed; a check that finds no room only because others are under way is asked to wait instead.
 */
public final class LoginThrottle {

    /** Failures allowed per address within the window. */
    public static final int MAX_FAILURES = 5;
    /** The window, one minute. */
    public static final long WINDOW_NANOS = 60_000_000_000L;

    /** Whether a password check from an address may start. */
    public enum Attempt {
        /** It may: call {@link #passed} or {@link #failed} when it is done. */
        CHECK,
        /** Not now: the address's checks under way would take its last failures. Retry shortly. */
        WAIT,
        /** No: the address failed too often in this window. */
        REFUSED
    }

    private final ConcurrentMap<InetAddress, Window> windows = new ConcurrentHashMap<>();

    /** An address's window: when it started, its failures, and its checks under way. */
    private record Window(long start, int failures, int underWay) {
    }

    /** Whether a password check from {@code address} may start now; {@link Attempt#CHECK} counts it as under way. */
    public Attempt tryAcquire(InetAddress address, long now) {
        if (address == null) {
            return Attempt.CHECK;
        }
        Attempt[] attempt = {Attempt.CHECK};
        windows.compute(address, (key, window) -> {
            Window current = window == null || now - window.start() > WINDOW_NANOS
                    ? new Window(now, 0, window == null ? 0 : window.underWay()) : window;
            if (current.failures() >= MAX_FAILURES) {
                attempt[0] = Attempt.REFUSED;
                return current;
            }
            if (current.failures() + current.underWay() >= MAX_FAILURES) {
                attempt[0] = Attempt.WAIT;
                return current;
            }
            return new Window(current.start(), current.failures(), current.underWay() + 1);
        });
        return attempt[0];
    }

    /** A check {@link #tryAcquire} let start found the right password, or never ran. */
    public void passed(InetAddress address) {
        done(address, 0);
    }

    /** A check {@link #tryAcquire} let start found a wrong or missing password. */
    public void failed(InetAddress address) {
        done(address, 1);
    }

    private void done(InetAddress address, int failure) {
        if (address != null) {
            windows.computeIfPresent(address, (key, window) -> {
                Window after = new Window(window.start(), window.failures() + failure,
                        Math.max(0, window.underWay() - 1));
                return after.failures() == 0 && after.underWay() == 0 ? null : after;
            });
        }
    }

    /** Forgets windows that have passed, so the map does not grow with every address ever seen. */
    public void prune(long now) {
        windows.values().removeIf(window -> now - window.start() > WINDOW_NANOS && window.underWay() == 0);
    }
}
