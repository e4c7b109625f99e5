package org.nettychat.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one open-loop step over a joined fleet: publish (after an unmeasured lead-in at the same rate, when asked),
 * print progress, wait for the deliveries to drain, measure.
 */
final class StepRunner {

    /** A drain ends when nothing more has arrived for this long. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A drain never lasts longer than this. */
    static final long MAX_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ClientFleet fleet;
    private final ServerProcess server;
    private final ServerProcess generator = new ServerProcess(ProcessHandle.current().pid());
    private final Progress progress;

    StepRunner(ClientFleet fleet, ServerProcess server, Progress progress) {
        this.fleet = fleet;
        this.server = server;
        this.progress = progress;
    }

    /**
     * Publishes {@code ratePerSecond} messages for {@code leadInSeconds} unmeasured, then on without a break for
     * {@code seconds} stamped {@code step}, and measures those: deliveries, latency, loss, and both processes' CPU from
     * the end of the lead-in to the end of the drain.
     */
    StepResult run(List<Channel> publishers, int step, double ratePerSecond, double leadInSeconds, double seconds,
            int roomSize, int payloadBytes) {
        Map<EventLoop, LoopStats> stats = new HashMap<>();
        fleet.loopStats().forEach(loopStats -> stats.put(loopStats.loop(), loopStats));
        fleet.prepare(step);
        long leadInNanos = (long) (leadInSeconds * 1e9);
        long durationNanos = (long) (seconds * 1e9);

        // Counted from the start of the lead-in: a connection cut off then is missing from the step too.
        Map<String, Long> problemsBefore = fleet.events().snapshot();
        long closedBefore = fleet.events().closedCount();
        List<OpenLoopPublisher.Ticker> tickers = OpenLoopPublisher.start(publishers, stats, ratePerSecond,
                leadInNanos, durationNanos, step, payloadBytes);
        Future<Void> done = OpenLoopPublisher.whenDone(tickers, publishers.get(0).eventLoop());
        leadIn(step, System.nanoTime() + leadInNanos);
        double cpuBefore = server.cpuSeconds();
        double generatorCpuBefore = generator.cpuSeconds();
        long begin = System.nanoTime();
        long lastReceived = 0;
        while (!done.awaitUninterruptibly(1, TimeUnit.SECONDS)) {
            LoopStats.StepCounts counts = fleet.collect(step, false);
            double elapsed = (System.nanoTime() - begin) / 1e9;
            progress.now(String.format("step %d  %4.1f s  sent %,d  received %,d  (%,.0f deliveries/s)", step,
                    elapsed, counts.sent(), counts.received(), (counts.received() - lastReceived) / 1.0));
            lastReceived = counts.received();
        }
        OpenLoopPublisher.Sent sent = OpenLoopPublisher.result(tickers);
        drain(step, sent.sent() * roomSize);

        LoopStats.StepCounts counts = fleet.collect(step, true);
        double cpu = server.cpuSeconds() - cpuBefore;
        double generatorLoad = (generator.cpuSeconds() - generatorCpuBefore) / ((System.nanoTime() - begin) / 1e9);
        return new StepResult(step, ratePerSecond, roomSize, seconds, counts.sent(), sent.sendNanos() / 1e9,
                counts.received(), LatencySummary.of(counts.latency()), LatencySummary.of(counts.lag()),
                fleet.events().closedCount() - closedBefore, difference(fleet.events().snapshot(), problemsBefore), cpu,
                generatorLoad);
    }

    /** Waits out a step's lead-in, printing progress each second; the tickers switch to the step by themselves. */
    private void leadIn(int step, long end) {
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            pause(Math.min(1000, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            progress.now(String.format("step %d  lead-in, %4.1f s to go (not measured)", step,
                    Math.max(0, end - System.nanoTime()) / 1e9));
        }
    }

    /** Waits until every expected delivery has arrived, or nothing has for {@link #QUIET_NANOS}. */
    private void drain(int step, long expected) {
        long start = System.nanoTime();
        long lastChange = start;
        long last = -1;
        while (System.nanoTime() - start < MAX_DRAIN_NANOS && System.nanoTime() - lastChange < QUIET_NANOS) {
            long received = fleet.collect(step, false).received();
            if (received >= expected) {
                return;
            }
            if (received != last) {
                last = received;
                lastChange = System.nanoTime();
            }
            pause(50);
        }
        progress.now(String.format("step %d: drain ended with %,d of %,d deliveries", step, last, expected));
    }

    /** Waits on the main thread between polls; the event loops are never paused. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new java.util.TreeMap<>();
        after.forEach((key, count) -> {
            long delta = count - before.getOrDefault(key, 0L);
            if (delta > 0) {
                diff.put(key, delta);
            }
        });
        return diff;
    }
}
