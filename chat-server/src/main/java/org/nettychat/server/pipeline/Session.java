package org.nettychat.server.pipeline;

import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.List;

/** A logged-in user's state on its connection; touched only by the connection's event loop. */
final class Session {

    /** Where the session hangs on its channel once logged in. */
    static final AttributeKey<Session> KEY = AttributeKey.valueOf(Session.class, "session");

    private final String name;
    /** The rooms in the order joined; a short list (at most {@code --max-rooms-per-user}), small while idle. */
    private final List<String> rooms = new ArrayList<>(1);
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

    /** Leaves {@code room}; returns where it stood in the join order (for {@link #reinstate}), or -1. */
    int left(String room) {
        int place = rooms.indexOf(room);
        if (place >= 0) {
            rooms.remove(place);
        }
        return place;
    }

    /** Puts back a room whose leave failed, at the place {@link #left} returned. */
    void reinstate(String room, int place) {
        if (place >= 0 && !rooms.contains(room)) {
            rooms.add(Math.min(place, rooms.size()), room);
        }
    }

    /** The room joined last, or null when in none: where a say, who or history without a room goes. */
    String currentRoom() {
        return rooms.isEmpty() ? null : rooms.get(rooms.size() - 1);
    }

    /** The rooms, in the order joined. */
    List<String> rooms() {
        return new ArrayList<>(rooms);
    }
}
