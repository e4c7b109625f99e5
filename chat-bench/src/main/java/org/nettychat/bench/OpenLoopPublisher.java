package org.nettychat.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.Say;

/**
 * Publishes at a fixed rate whatever the server does (open loop): one ticker per event loop sends, every tick, the
 * messages that are due by then, round-robin over that loop's publishers, and flushes each touched channel once. The
 * count is fixed up front (rate times duration), so a step ends even when the server stops reading.
 *
 * <p>A step may start with a lead-in at the same rate whose messages are stamped {@link #LEAD_IN_STEP}: the stream runs
 * on unbroken into the measured messages, so they meet a server and a generator already in their steady state (no
 * pause, no freshly started ticker, no code path the JIT has not seen yet).
 */
final class OpenLoopPublisher {

    /** Time between ticks; messages due within a tick leave together. */
    static final long TICK_MICROS = 1000;

    private static final long TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(TICK_MICROS);

    /** The step that lead-in messages are stamped with; a measured step is never this one. */
    static final int LEAD_IN_STEP = 0;

    /** How long after its planned end a ticker keeps trying before it gives up on the rest. */
    static final long OVERRUN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private OpenLoopPublisher() {
    }

    /**
     * What one step sent, after its lead-in.
     *
     * @param sent        messages written
     * @param sendNanos   from the end of the lead-in to the last message written
     */
    record Sent(long sent, long sendNanos) {
    }

    /**
     * Starts publishing {@code ratePerSecond} messages in total: for {@code leadInNanos} stamped with
     * {@link #LEAD_IN_STEP}, then for {@code durationNanos} stamped with {@code step}.
     *
     * @return the tickers; {@link #whenDone} completes when all are done, then {@link #result} reads what was sent
     */
    static List<Ticker> start(List<Channel> publishers, Map<EventLoop, LoopStats> stats, double ratePerSecond,
            long leadInNanos, long durationNanos, int step, int payloadBytes) {
        if (step == LEAD_IN_STEP) {
            throw new IllegalArgumentException("step " + LEAD_IN_STEP + " is the lead-in's");
        }
        Map<EventLoop, List<Channel>> byLoop = new LinkedHashMap<>();
        for (Channel channel : publishers) {
            byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(channel);
        }
        List<Ticker> tickers = new ArrayList<>();
        for (Map.Entry<EventLoop, List<Channel>> entry : byLoop.entrySet()) {
            double perSecond = ratePerSecond * entry.getValue().size() / publishers.size();
            Ticker ticker = new Ticker(entry.getKey(), entry.getValue().toArray(new Channel[0]),
                    stats.get(entry.getKey()), perSecond, leadInNanos, durationNanos, step, payloadBytes);
            tickers.add(ticker);
            ticker.start();
        }
        return tickers;
    }

    /** Completes when every ticker is done. */
    static Future<Void> whenDone(List<Ticker> tickers, EventLoop anyLoop) {
        Promise<Void> all = anyLoop.newPromise();
        anyLoop.execute(() -> {
            PromiseCombiner combiner = new PromiseCombiner(anyLoop);
            tickers.forEach(ticker -> combiner.add(ticker.done));
            combiner.finish(all);
        });
        return all;
    }

    /** Adds up what the tickers sent after their lead-in; call after {@link #whenDone}. */
    static Sent result(List<Ticker> tickers) {
        long sent = 0;
        long nanos = 0;
        for (Ticker ticker : tickers) {
            sent += Math.max(0, ticker.sent - ticker.leadIn);
            nanos = Math.max(nanos, ticker.lastSend - ticker.startNanos - ticker.leadInNanos);
        }
        return new Sent(sent, Math.max(0, nanos));
    }

    /** Publishes one loop's share; runs on that loop only. */
    static final class Ticker implements Runnable {

        private final EventLoop loop;
        private final Channel[] channels;
        private final boolean[] touched;
        private final LoopStats stats;
        private final long leadInNanos;
        private final long leadIn;
        private final long total;
        private final double perNano;
        private final long durationNanos;
        private final int step;
        private final int payloadBytes;
        private final Promise<Void> done;
        private ScheduledFuture<?> future;
        private long startNanos;
        private long lastSend;
        private long sent;
        private long ticks;
        private long lastRunEnd;
        private int cursor;

        /**
         * A ticker that sends {@code perSecond} messages a second: for {@code leadInNanos} stamped
         * {@link #LEAD_IN_STEP}, then for {@code measuredNanos} stamped {@code step}.
         */
        Ticker(EventLoop loop, Channel[] channels, LoopStats stats, double perSecond, long leadInNanos,
                long measuredNanos, int step, int payloadBytes) {
            this.loop = loop;
            this.channels = channels;
            this.touched = new boolean[channels.length];
            this.stats = stats;
            this.leadInNanos = leadInNanos;
            this.leadIn = Math.round(perSecond * leadInNanos / 1e9);
            this.total = leadIn + Math.round(perSecond * measuredNanos / 1e9);
            this.durationNanos = leadInNanos + measuredNanos;
            this.perNano = durationNanos == 0 ? 0 : (double) total / durationNanos;
            this.step = step;
            this.payloadBytes = payloadBytes;
            this.done = loop.newPromise();
        }

        void start() {
            loop.execute(() -> {
                startNanos = System.nanoTime();
                lastSend = startNanos;
                future = loop.scheduleAtFixedRate(this, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
            });
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long elapsed = now - startNanos;
            // Planned at start + n ticks, but never before the loop is back from the work it did after the last one.
            long ready = Math.max(startNanos + ticks++ * TICK_NANOS, lastRunEnd);
            stats.ticked(sent < leadIn ? LEAD_IN_STEP : step, now - ready, TICK_NANOS);
            long due = Math.min(total, 1 + (long) (elapsed * perNano));
            while (sent < due) {
                int index = cursor;
                cursor = cursor + 1 == channels.length ? 0 : cursor + 1;
                Channel channel = channels[index];
                int stamp = sent < leadIn ? LEAD_IN_STEP : step;
                channel.write(new Say(null, Payload.text(System.nanoTime(), stamp, payloadBytes), null),
                        channel.voidPromise());
                touched[index] = true;
                stats.sent(stamp);
                sent++;
            }
            for (int i = 0; i < channels.length; i++) {
                if (touched[i]) {
                    touched[i] = false;
                    channels[i].flush();
                }
            }
            lastRunEnd = System.nanoTime();
            if (sent > 0) {
                lastSend = lastRunEnd;
            }
            if (sent >= total || elapsed > durationNanos + OVERRUN_NANOS) {
                future.cancel(false);
                done.trySuccess(null);
            }
        }
    }
}
