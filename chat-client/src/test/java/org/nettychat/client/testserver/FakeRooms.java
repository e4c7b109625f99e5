package org.nettychat.client.testserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.Names;

/** The fake server's state: who is online, room members, and each room's history and say refs; one thread only. */
final class FakeRooms {

    /** Messages each room keeps, as the real server's default. */
    static final int HISTORY_LENGTH = 100;

    private final Map<String, FakeServerHandler> online = new HashMap<>();
    private final Map<String, Room> rooms = new TreeMap<>();

    /** One room: members survive only while connected, history and refs survive a restart. */
    static final class Room {
        final Set<FakeServerHandler> members = new LinkedHashSet<>();
        final List<ChatLine> history = new ArrayList<>();
        final Map<String, Long> idsByUserRef = new HashMap<>();
        long lastId;
    }

    /** Registers {@code user}; false when the name is taken, ignoring case. */
    boolean login(String user, FakeServerHandler connection) {
        return online.putIfAbsent(Names.userKey(user), connection) == null;
    }

    void logout(String user, FakeServerHandler connection) {
        online.remove(Names.userKey(user), connection);
        rooms.values().forEach(room -> room.members.remove(connection));
    }

    FakeServerHandler user(String name) {
        return online.get(Names.userKey(name));
    }

    Room room(String name) {
        return rooms.computeIfAbsent(name, n -> new Room());
    }

    Map<String, Room> all() {
        return rooms;
    }

    /** Appends a new message to {@code room}'s history and returns it. */
    ChatLine append(String room, String from, String text) {
        Room r = room(room);
        ChatLine line = new ChatLine(++r.lastId, room, from, text, System.currentTimeMillis());
        r.history.add(line);
        if (r.history.size() > HISTORY_LENGTH) {
            r.history.remove(0);
        }
        return line;
    }

    /** The history of {@code room} between the bounds (exclusive), newest {@code limit} of them, oldest first. */
    List<ChatLine> history(String room, long after, long before, int limit) {
        List<ChatLine> lines = room(room).history.stream()
                .filter(line -> line.id() > after && line.id() < before)
                .toList();
        return lines.subList(Math.max(0, lines.size() - limit), lines.size());
    }
}
