package org.nettychat.server.room;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a room has queued for its members on one event loop, written there by one task per batch. Consecutive frames
 * for the same members (a busy room's broadcasts) are joined into one buffer that every member gets once, so a busy
 * room costs one write per member per batch, not per message. Each member receives everything in the order queued.
 *
 * <p>A batch is written to every member at once, then flushed {@value #FLUSHES_PER_TURN} members per turn, with the
 * loop's I/O in between. A message read during a room's fan-out is written behind the previous one to the members
 * still waiting for their flush, and their next flush sends both: when sending falls behind (a burst, a pause), the
 * room catches up in fewer, larger sends instead of queueing one full fan-out behind another.
 *
 * <p>{@link #add} is called under the room's lock, and so is the hand-over of a batch to the loop; the writing and
 * flushing happen on the loop, outside the lock.
 */
final class Outbox implements Runnable {

    /** Members flushed before the loop reads again. */
    static final int FLUSHES_PER_TURN = 32;

    private static final Recipient[] NO_ONE = new Recipient[0];

    /** One frame and who gets it: a snapshot of the room's members on this loop, or a single member. */
    private record Delivery(ByteBuf frame, Recipient[] targets) {
    }

    private final Object lock;
    private final EventLoop loop;
    private final Runnable nextTurn = () -> {
        turnScheduled = false;
        flushTurn();
    };
    private List<Delivery> pending = new ArrayList<>();
    private boolean scheduled;

    // Confined to the loop: the members being flushed, where the next turn starts, and how many still wait.
    private Recipient[] flushing = NO_ONE;
    private int cursor;
    private int unflushed;
    private boolean turnScheduled;

    Outbox(Object lock, EventLoop loop) {
        this.lock = lock;
        this.loop = loop;
    }

    /** Queues {@code frame} (whose reference passes to the outbox) for {@code targets}; call under the room's lock. */
    void add(ByteBuf frame, Recipient[] targets) {
        pending.add(new Delivery(frame, targets));
        if (!scheduled) {
            scheduled = true;
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        List<Delivery> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
        }
        for (int start = 0, end; start < batch.size(); start = end) {
            end = endOfRun(batch, start);
            Recipient[] targets = batch.get(start).targets();
            write(batch, start, end, targets);
            awaitFlush(targets);
        }
        flushTurn();
    }

    /**
     * Marks every one of {@code targets} as having unflushed bytes. The members of a new snapshot (someone joined or
     * left, or a message for one member) take the place of those being flushed, who get their flush now.
     */
    private void awaitFlush(Recipient[] targets) {
        if (targets != flushing) {
            flush(unflushed);
            flushing = targets;
            cursor = 0;
        }
        unflushed = targets.length;
    }

    /** Flushes the next members in turn; when some remain, the rest follow after the loop's next I/O. */
    private void flushTurn() {
        flush(Math.min(unflushed, FLUSHES_PER_TURN));
        if (unflushed == 0) {
            // Holds no one once all are flushed: members who left are not kept reachable from here.
            flushing = NO_ONE;
            cursor = 0;
        } else if (!turnScheduled) {
            // A scheduled task, unlike an executed one, waits for the loop's next round of I/O.
            turnScheduled = true;
            loop.schedule(nextTurn, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Flushes the next {@code count} of the members waiting, from the cursor on. */
    private void flush(int count) {
        for (; count > 0; count--, unflushed--) {
            flushing[cursor].flush();
            cursor = cursor + 1 == flushing.length ? 0 : cursor + 1;
        }
    }

    /** The end (exclusive) of the run of deliveries from {@code start} that go to the same members. */
    private static int endOfRun(List<Delivery> batch, int start) {
        Recipient[] targets = batch.get(start).targets();
        int end = start + 1;
        while (end < batch.size() && batch.get(end).targets() == targets) {
            end++;
        }
        return end;
    }

    /** Writes the frames of deliveries {@code [start, end)} to {@code targets} as one buffer, and releases them. */
    private static void write(List<Delivery> batch, int start, int end, Recipient[] targets) {
        ByteBuf frames = join(batch, start, end);
        try {
            for (Recipient target : targets) {
                target.deliver(frames.retainedDuplicate(), end - start);
            }
        } finally {
            frames.release();
        }
    }

    /** The frames of deliveries {@code [start, end)} in one buffer; the frames' references pass to it. */
    private static ByteBuf join(List<Delivery> batch, int start, int end) {
        ByteBuf first = batch.get(start).frame();
        if (end - start == 1) {
            return first;
        }
        int size = 0;
        for (int i = start; i < end; i++) {
            size += batch.get(i).frame().readableBytes();
        }
        ByteBuf joined = first.alloc().directBuffer(size);
        for (int i = start; i < end; i++) {
            ByteBuf frame = batch.get(i).frame();
            joined.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
            frame.release();
        }
        return joined;
    }
}
