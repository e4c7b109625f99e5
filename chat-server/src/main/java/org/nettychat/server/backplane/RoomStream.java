package org.nettychat.server.backplane;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nettychat.protocol.ChatLine;

/**
 * One room's events as this node applies them: in the room's order, with gaps filled first. A gap appears when the
 * node's subscription was down for a while (Redis restarted, the connection broke): messages published meanwhile
 * never reached it, yet they were acknowledged and are in the room's history. So when a message's id is not the next
 * one, or when the subscription comes back, the node reads the history, delivers what it missed, and holds the room's
 * later events until it has. The subscription may come back before the node's command connection does, so a read that
 * fails is tried again, {@link #HISTORY_ATTEMPTS} times in all over about 15 s, before the node accepts the gap.
 */
final class RoomStream {

    /** Reads of the history before a catch-up gives up: the delays between them add up to about 15 s. */
    static final int HISTORY_ATTEMPTS = 10;
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 3000;

    /** Runs a task later, on another thread. */
    @FunctionalInterface
    interface Later {
        void run(Runnable task, long delayMillis);
    }

    private final Supplier<CompletionStage<List<ChatLine>>> history;
    private final Consumer<ChatLine> deliver;
    private final Later later;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private long last;
    private boolean catchingUp;
    /** True while the events held during a catch-up run, which never start another one. */
    private boolean draining;
    /** The subscription came back while the history was being read: read it once more. */
    private boolean readAgain;
    /** The last message with id 1 delivered: the same message again is a repeat, another one a room started again. */
    private ChatLine first;

    RoomStream(Supplier<CompletionStage<List<ChatLine>>> history, Consumer<ChatLine> deliver, Later later) {
        this.history = history;
        this.deliver = deliver;
        this.later = later;
    }

    /** A message published on the room's channel. */
    synchronized void message(ChatLine line) {
        if (catchingUp) {
            waiting.add(() -> message(line));
        } else if (last == 0 || line.id() == last + 1) {
            delivered(line);
        } else if (line.id() > last) {
            if (draining) {
                // The history just read cannot fill this gap (the cluster keeps none, or the room started again).
                delivered(line);
            } else {
                waiting.add(() -> message(line));
                catchUp();
            }
        } else if (line.id() == 1 && !line.equals(first)) {
            // The room's ids started again: Redis lost its data (the history epoch changed), or forgot the room.
            delivered(line);
        }
        // Otherwise it was delivered already, from the history.
    }

    /** Another event of the room (a join or leave), applied in order with the messages. */
    synchronized void event(Runnable event) {
        if (catchingUp) {
            waiting.add(event);
        } else {
            event.run();
        }
    }

    /** True while the stream reads the history to fill a gap, holding the room's later events. */
    synchronized boolean isCatchingUp() {
        return catchingUp;
    }

    /** The subscription is back: deliver whatever was said while it was down. */
    synchronized void resubscribed() {
        if (catchingUp) {
            // What was said while it was down may be newer than the history being read.
            readAgain = true;
        } else if (last > 0) {
            catchUp();
        }
    }

    private void catchUp() {
        catchingUp = true;
        readHistory(1, FIRST_RETRY_MILLIS);
    }

    private void readHistory(int attempt, long nextDelayMillis) {
        history.get().whenComplete((lines, failure) -> {
            if (failure != null && attempt < HISTORY_ATTEMPTS) {
                later.run(() -> readHistory(attempt + 1, Math.min(2 * nextDelayMillis, MAX_RETRY_MILLIS)),
                        nextDelayMillis);
            } else {
                caughtUp(lines, failure);
            }
        });
    }

    private synchronized void caughtUp(List<ChatLine> lines, Throwable failure) {
        if (failure != null) {
            // Redis stayed away: accept the gap rather than hold the room's events any longer.
            last = 0;
        } else {
            if (!lines.isEmpty() && lines.get(lines.size() - 1).id() < last) {
                // The room's ids started again (Redis lost its data, or forgot the room): all of its history is new.
                last = 0;
            }
            for (ChatLine line : lines) {
                if (line.id() > last) {
                    delivered(line);
                }
            }
        }
        if (readAgain) {
            readAgain = false;
            readHistory(1, FIRST_RETRY_MILLIS);
            return;
        }
        catchingUp = false;
        draining = true;
        try {
            while (!waiting.isEmpty()) {
                waiting.poll().run();
            }
        } finally {
            draining = false;
        }
    }

    private void delivered(ChatLine line) {
        deliver.accept(line);
        last = line.id();
        if (last == 1) {
            first = line;
        }
    }
}
