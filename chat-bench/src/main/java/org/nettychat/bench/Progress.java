package org.nettychat.bench;

import java.io.PrintStream;
import java.util.function.Supplier;

/** Prints a progress line at most once per interval, so long loops report without flooding the terminal. */
final class Progress {

    private final PrintStream out;
    private final long intervalNanos;
    private long last = System.nanoTime();

    Progress(PrintStream out, long intervalMillis) {
        this.out = out;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Prints {@code line} when the interval has passed since the last line. */
    void maybe(Supplier<String> line) {
        long now = System.nanoTime();
        if (now - last >= intervalNanos) {
            last = now;
            out.println("  " + line.get());
        }
    }

    /** Prints {@code line} now. */
    void now(String line) {
        last = System.nanoTime();
        out.println("  " + line);
    }
}
