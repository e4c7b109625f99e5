package org.nettychat.server.admin;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.nettychat.protocol.ErrorCode;

/**
 * The server's counters, updated from every event loop without locks and rendered in the Prometheus text format.
 */
public final class ServerMetrics {

    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder connectionsOpen = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder logins = new LongAdder();
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder chatMessages = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder slowConsumerDisconnects = new LongAdder();
    private final LongAdder floodDisconnects = new LongAdder();
    private final LongAdder idleDisconnects = new LongAdder();
    private final Map<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private volatile IntSupplier rooms = () -> 0;
    private volatile IntSupplier users = () -> 0;
    private volatile LongSupplier historyBytes = () -> 0;
    private volatile BooleanSupplier backplaneUp = () -> true;

    public ServerMetrics() {
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, new LongAdder());
        }
    }

    /** Where the gauges for rooms, logged-in users, kept history and the backplane's availability are read from. */
    public void gauges(IntSupplier roomCount, IntSupplier userCount, LongSupplier historyByteCount,
            BooleanSupplier backplaneAvailable) {
        this.rooms = roomCount;
        this.users = userCount;
        this.historyBytes = historyByteCount;
        this.backplaneUp = backplaneAvailable;
    }

    public void connectionOpened() {
        connectionsOpened.increment();
        connectionsOpen.increment();
    }

    public void connectionClosed() {
        connectionsOpen.decrement();
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public void loggedIn() {
        logins.increment();
    }

    public void frameIn() {
        framesIn.increment();
    }

    /** {@code count} messages written to clients (a broadcast counts once per recipient). */
    public void messagesOut(int count) {
        messagesOut.add(count);
    }

    public void chatMessage() {
        chatMessages.increment();
    }

    public void bytesIn(int count) {
        bytesIn.add(count);
    }

    public void bytesOut(int count) {
        bytesOut.add(count);
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
        if (code == ErrorCode.RATE_LIMITED) {
            rateLimited.increment();
        }
    }

    public void slowConsumerDisconnect() {
        slowConsumerDisconnects.increment();
    }

    public void floodDisconnect() {
        floodDisconnects.increment();
    }

    public void idleDisconnect() {
        idleDisconnects.increment();
    }

    /** Renders every metric in the Prometheus text exposition format 0.0.4. */
    public String render() {
        StringBuilder out = new StringBuilder(2048);
        gauge(out, "chat_connections", "Open client connections.", connectionsOpen.sum());
        gauge(out, "chat_users", "Logged-in users on this node.", users.getAsInt());
        gauge(out, "chat_rooms", "Rooms with members on this node.", rooms.getAsInt());
        gauge(out, "chat_history_bytes", "Estimated bytes of message history and say refs in this node's memory.",
                historyBytes.getAsLong());
        gauge(out, "chat_backplane_up", "1 while the backplane (a cluster's Redis) can serve requests, else 0.",
                backplaneUp.getAsBoolean() ? 1 : 0);
        counter(out, "chat_connections_opened_total", "Client connections accepted.", connectionsOpened.sum());
        counter(out, "chat_connections_refused_total", "Connections refused by connection limits.",
                connectionsRefused.sum());
        counter(out, "chat_logins_total", "Successful logins.", logins.sum());
        counter(out, "chat_frames_in_total", "Frames received from clients.", framesIn.sum());
        counter(out, "chat_messages_out_total", "Messages written to clients, one per recipient.", messagesOut.sum());
        counter(out, "chat_chat_messages_total", "Chat messages accepted for rooms.", chatMessages.sum());
        counter(out, "chat_bytes_in_total", "Bytes received from clients.", bytesIn.sum());
        counter(out, "chat_bytes_out_total", "Bytes written to clients.", bytesOut.sum());
        counter(out, "chat_rate_limited_total", "Requests refused by the rate limit.", rateLimited.sum());
        counter(out, "chat_slow_consumer_disconnects_total", "Clients disconnected as slow consumers.",
                slowConsumerDisconnects.sum());
        counter(out, "chat_flood_disconnects_total", "Clients disconnected for flooding.", floodDisconnects.sum());
        counter(out, "chat_idle_disconnects_total", "Clients disconnected after an unanswered ping.",
                idleDisconnects.sum());
        out.append("# HELP chat_errors_total Error frames sent, by code.\n# TYPE chat_errors_total counter\n");
        errors.forEach((code, count) -> {
            if (code != ErrorCode.UNKNOWN) {
                out.append("chat_errors_total{code=\"").append(code.wireName()).append("\"} ")
                        .append(count.sum()).append('\n');
            }
        });
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        metric(out, name, help, "gauge", value);
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        metric(out, name, help, "counter", value);
    }

    private static void metric(StringBuilder out, String name, String help, String type, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(value).append('\n');
    }
}
