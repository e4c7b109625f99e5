package org.nettychat.server.room;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.nettychat.protocol.RoomList;
import org.nettychat.server.backplane.JoinResult;

/**
 * The rooms of this node. A room is created by its first join and kept, with its history and its ids, after its last
 * member leaves; only when the node holds {@code maxRooms} rooms is an empty one forgotten to make room for a new one.
 * (A cluster node keeps its rooms in Redis and forgets its own copy of a room as soon as no one on it is in it.)
 * The limit holds under concurrent joins: a new room's slot is taken before the room is created. What the rooms keep
 * (history, recent refs) is paid for out of one {@link HistoryBudget}.
 */
public final class Rooms {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    /** Rooms in the map plus the slots reserved for rooms being created: never above {@code maxRooms}. */
    private final AtomicInteger held = new AtomicInteger();
    private final int historyLength;
    private final HistoryBudget budget;
    private final int noticeLimit;
    private final int maxRooms;

    /**
     * @param historyLength messages kept per room
     * @param historyBytes  estimated bytes that the history and recent refs of all rooms may take together
     */
    public Rooms(int historyLength, long historyBytes, int noticeLimit, int maxRooms) {
        this.historyLength = historyLength;
        this.budget = new HistoryBudget(historyBytes);
        this.noticeLimit = noticeLimit;
        this.maxRooms = maxRooms;
    }

    /** See {@link Room#join}; creates the room when needed and allowed. */
    public JoinResult join(String name, Channel channel, String user, Long afterId, ByteBufAllocator alloc) {
        JoinResult[] result = {JoinResult.NO_ROOM_LEFT};
        inRoom(name, room -> result[0] = room.join(channel, user, afterId, noticeLimit, alloc)
                ? JoinResult.JOINED : JoinResult.ALREADY_MEMBER);
        return result[0];
    }

    /** The room with this name, created when needed and allowed; empty when the node holds its maximum of rooms. */
    public Optional<Room> open(String name) {
        return Optional.ofNullable(inRoom(name, room -> { }));
    }

    /**
     * Runs {@code action} on the room with this name while the map keeps it from being forgotten, creating the room
     * when needed and allowed.
     *
     * @return the room, or null when it did not exist and the node holds its maximum of rooms, none of them empty
     */
    private Room inRoom(String name, Consumer<Room> action) {
        boolean[] holdsSlot = {!rooms.containsKey(name)};
        if (holdsSlot[0] && !reserveSlot()) {
            return null;
        }
        try {
            return rooms.compute(name, (key, room) -> {
                if (room != null) {
                    action.accept(room);
                    return room;
                }
                if (!holdsSlot[0] && !takeFreeSlot()) {
                    return null;
                }
                holdsSlot[0] = true;
                Room created = new Room(key, historyLength, budget);
                action.accept(created);
                holdsSlot[0] = false; // the new room has it now
                return created;
            });
        } finally {
            if (holdsSlot[0]) {
                held.decrementAndGet();
            }
        }
    }

    /** See {@link Room#leave}. */
    public void leave(String name, Channel channel, String user, String reason, ByteBufAllocator alloc) {
        Room room = rooms.get(name);
        if (room != null) {
            room.leave(channel, user, reason, noticeLimit, alloc);
        }
    }

    /**
     * Takes a slot for a room about to be created, forgetting an empty room when the node is full. The caller gives
     * the slot back when another thread created the room first.
     */
    private boolean reserveSlot() {
        while (!takeFreeSlot()) {
            if (!forgetAnEmptyRoom()) {
                return false;
            }
        }
        return true;
    }

    private boolean takeFreeSlot() {
        for (int count = held.get(); count < maxRooms; count = held.get()) {
            if (held.compareAndSet(count, count + 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean forgetAnEmptyRoom() {
        for (String name : rooms.keySet()) {
            if (forgetIfEmpty(name)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the room with this name, its history and its ids, if it has no members; true when it did. */
    public boolean forgetIfEmpty(String name) {
        Room[] forgotten = new Room[1];
        rooms.computeIfPresent(name, (key, room) -> {
            forgotten[0] = room.isEmpty() ? room : null;
            return forgotten[0] == null ? room : null;
        });
        if (forgotten[0] == null) {
            return false;
        }
        held.decrementAndGet();
        forgotten[0].dropAll();
        return true;
    }

    /** The room with this name, if the node keeps it. */
    public Optional<Room> find(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** Every room that has members, with its member count, sorted by name. */
    public List<RoomList.Room> list() {
        return rooms.values().stream()
                .filter(room -> room.size() > 0)
                .map(room -> new RoomList.Room(room.name(), room.size()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /** The estimated bytes that the rooms' history and recent refs take now. */
    public long historyBytes() {
        return budget.usedBytes();
    }

    /** How many rooms have members. */
    public int count() {
        return (int) rooms.values().stream().filter(room -> room.size() > 0).count();
    }
}
