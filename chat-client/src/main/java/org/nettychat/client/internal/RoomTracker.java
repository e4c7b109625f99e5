package org.nettychat.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nettychat.protocol.ChatLine;

/**
 * The rooms a session is in, in join order, and the last message id it has seen in each: what a reconnect resumes,
 * and what drops the messages it has already delivered. Changed only on the session's event loop; the snapshots are
 * safe to read from any thread.
 *
 * <p>A line whose id is not above the last one seen has been delivered and is dropped. Ids are comparable only within
 * one server epoch; when the epoch changes, {@link #restartIds()} starts every room's count again.
 */
final class RoomTracker {

    /** The last message seen in a room: its id, and its timestamp, which tells a room's two messages 1 apart. */
    private record Seen(long id, long ts) {
        static final Seen NOTHING = new Seen(0, 0);

        static Seen of(ChatLine line) {
            return new Seen(line.id(), line.ts());
        }
    }

    private final LinkedHashSet<String> rooms = new LinkedHashSet<>();
    private final Map<String, Seen> lastSeen = new HashMap<>();
    private volatile Set<String> roomsSnapshot = Set.of();
    private volatile String current;

    /** This session joined {@code room}; a room it is already in keeps its place (a resume re-joins in any order). */
    void joined(String room) {
        if (rooms.add(room)) {
            publish();
        }
    }

    /** This session joined {@code room} by request, which makes it the current room. */
    void joinedByRequest(String room) {
        rooms.remove(room);
        rooms.add(room);
        publish();
    }

    /** This session left {@code room}; a later join starts afresh with the room's backlog. */
    void left(String room) {
        rooms.remove(room);
        lastSeen.remove(room);
        publish();
    }

    /**
     * Whether {@code line} is new: its id is above the last one seen in its room, or it is 1 after higher ones or after
     * another message 1 (a room counts from 1, so the server forgot the room and it started again). Records it as
     * seen.
     */
    boolean accept(ChatLine line) {
        Seen seen = lastSeen.get(line.room());
        if (seen == null) {
            return true;
        }
        boolean startedAgain = line.id() == 1 && (seen.id() > 1 || seen.id() == 1 && line.ts() != seen.ts());
        if (line.id() <= seen.id() && !startedAgain) {
            return false;
        }
        lastSeen.put(line.room(), Seen.of(line));
        return true;
    }

    /** The server's history changed epoch (it lost what it had): ids seen so far mean nothing any more. */
    void restartIds() {
        lastSeen.replaceAll((room, seen) -> Seen.NOTHING);
    }

    /** Whether messages of {@code room} are being counted, which makes its next unasked history a resume. */
    boolean isTracked(String room) {
        return lastSeen.containsKey(room);
    }

    /** Starts counting {@code room}'s messages from its backlog. */
    void track(String room, List<ChatLine> backlog) {
        lastSeen.putIfAbsent(room, Seen.NOTHING);
        backlog.forEach(this::accept);
    }

    /**
     * The lines of a resumed room's history not seen before, recorded as seen. A resume gets only ids above the last
     * one seen, so a history that ends below it is a room that started again since: all of it is new.
     */
    List<ChatLine> acceptAll(List<ChatLine> lines) {
        if (!lines.isEmpty()) {
            String room = lines.get(0).room();
            Seen seen = lastSeen.get(room);
            if (seen != null && lines.get(lines.size() - 1).id() < seen.id()) {
                lastSeen.put(room, Seen.NOTHING);
            }
        }
        List<ChatLine> fresh = new ArrayList<>();
        for (ChatLine line : lines) {
            if (accept(line)) {
                fresh.add(line);
            }
        }
        return fresh;
    }

    /** What a reconnecting hello asks to resume: each room with the last id seen there, 0 for none. */
    Map<String, Long> resume() {
        Map<String, Long> resume = new LinkedHashMap<>();
        rooms.forEach(room -> resume.put(room, lastSeen.getOrDefault(room, Seen.NOTHING).id()));
        return resume;
    }

    /** Whether this session is in {@code room}. */
    boolean contains(String room) {
        return rooms.contains(room);
    }

    /** The rooms, in join order; safe from any thread. */
    Set<String> snapshot() {
        return roomsSnapshot;
    }

    /** The room joined last; safe from any thread. */
    Optional<String> current() {
        return Optional.ofNullable(current);
    }

    private void publish() {
        roomsSnapshot = Collections.unmodifiableSet(new LinkedHashSet<>(rooms));
        String last = null;
        for (String room : rooms) {
            last = room;
        }
        current = last;
    }
}
