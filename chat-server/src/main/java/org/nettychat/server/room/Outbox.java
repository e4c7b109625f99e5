package org.nettychat.server.room;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * What a room has queued for its members on one event loop, written there by one task per batch. Consecutive frames
 * for the same members (a busy room's broadcasts) are joined into one buffer, and every member gets that buffer once
 * and one flush per batch: a busy room costs one write and one syscall per member per batch, not per message. Each
 * member still receives everything in the order queued.
 *
 * <p>{@link #add} is called under the room's lock, and so is the hand-over of a batch to the loop; the writing happens on
 * the loop, outside the lock.
 */
final class Outbox implements Runnable {

    /** One frame and who gets it: a snapshot of the room's members on this loop, or a single member. */
    private record Delivery(ByteBuf frame, Recipient[] targets) {
    }

    private final Object lock;
    private final EventLoop loop;
    private List<Delivery> pending = new ArrayList<>();
    private boolean scheduled;

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
        int runEnd = endOfRun(batch, 0);
        if (runEnd == batch.size()) {
            // The usual batch: the same members throughout. Each member is flushed as soon as it has its bytes.
            writeRun(batch, 0, runEnd, true);
            return;
        }
        List<Recipient[]> written = new ArrayList<>();
        for (int start = 0; start < batch.size(); start = runEnd) {
            runEnd = endOfRun(batch, start);
            writeRun(batch, start, runEnd, false);
            written.add(batch.get(start).targets());
        }
        for (Recipient[] targets : written) {
            for (Recipient target : targets) {
                target.flush();
            }
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

    /** Writes the frames of deliveries {@code [start, end)} to their members as one buffer, and releases them. */
    private static void writeRun(List<Delivery> batch, int start, int end, boolean flush) {
        ByteBuf frames = join(batch, start, end);
        try {
            for (Recipient target : batch.get(start).targets()) {
                target.deliver(frames.retainedDuplicate(), end - start);
                if (flush) {
                    target.flush();
                }
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
