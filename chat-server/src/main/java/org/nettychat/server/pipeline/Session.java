package org.nettychat.server.pipeline;

import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A logged-in user's state on its connection; touched only by the connection's event loop. */
final class Session {

    /** Where the session hangs on its channel once logged in. */
    static final AttributeKey<Session> KEY = AttributeKey.valueOf(Session.class, "session");

    private final String name;
    private final Set<String> rooms = new LinkedHashSet<>();
    private final RateLimiter rateLimiter;

    Session(String name, RateLimiter rateLimiter) {
        this.name = name;
        this.rateLimiter = rateLimiter;
    }

    String name() {
        return name;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    boolean isIn(String room) {
        return rooms.contains(room);
    }

    int roomCount() {
        return rooms.size();
    }

    void entered(String room) {
        rooms.remove(room);
        rooms.add(room);
    }

    void left(String room) {
        rooms.remove(room);
    }

    /** The room joined last, or null when in none: where a say, who or history without a room goes. */
    String currentRoom() {
        String current = null;
        for (String room : rooms) {
            current = room;
        }
        return current;
    }

    /** The rooms, in the order joined. */
    List<String> rooms() {
        return new ArrayList<>(rooms);
    }
}
