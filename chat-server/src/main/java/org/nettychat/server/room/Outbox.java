package org.nettychat.server.room;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a room has queued for its members on one event loop, written there by one task per batch: every queued frame
 * goes to its members in the order queued, and each member is flushed once per batch, so a busy room costs one task
 * and one syscall per member per batch rather than per message.
 *
 * <p>{@link #add} is called under the room's lock, and so is the hand-over of a batch to the loop; the writing happens on
 * the loop, outside the lock.
 */
final class Outbox implements Runnable {

    /** One frame and who gets it: a snapshot of the room's members on this loop, or a single member. */
    private record Delivery(ByteBuf frame, Channel[] targets) {
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
    void add(ByteBuf frame, Channel[] targets) {
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
        Map<Channel, Boolean> written = new IdentityHashMap<>();
        for (Delivery delivery : batch) {
            try {
                for (Channel target : delivery.targets()) {
                    if (target.isActive()) {
                        target.write(delivery.frame().retainedDuplicate(), target.voidPromise());
                        written.put(target, Boolean.TRUE);
                    }
                }
            } finally {
                delivery.frame().release();
            }
        }
        written.keySet().forEach(Channel::flush);
    }
}
