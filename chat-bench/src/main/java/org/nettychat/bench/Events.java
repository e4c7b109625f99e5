package org.nettychat.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Rare events of a run (errors by code, byes by reason, connections lost), counted from any thread. */
final class Events {

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder closed = new LongAdder();
    private volatile boolean finished;

    /** Counts one event such as {@code error:rate-limited} or {@code bye:slow-consumer}. */
    void count(String event) {
        counts.computeIfAbsent(event, key -> new LongAdder()).increment();
    }

    /** Counts one connection closed while the run still needed it. */
    void closed() {
        if (!finished) {
            closed.increment();
        }
    }

    /** From now on the run closes its connections itself; closes are no longer counted. */
    void finish() {
        finished = true;
    }

    long closedCount() {
        return closed.sum();
    }

    /** Every event seen so far with its count, sorted by name. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }

    /** Errors and byes counted so far. */
    long problemCount() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
