package org.nettychat.client.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes daemon threads named {@code prefix-N}, so that thread dumps and logs show whose thread it is. */
final class NamedThreadFactory implements ThreadFactory {

    private static final AtomicInteger POOL = new AtomicInteger();

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    NamedThreadFactory(String name) {
        this.prefix = name + "-" + POOL.incrementAndGet() + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
