package org.nettychat.server.room;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.nettychat.protocol.RoomList;
import org.nettychat.server.backplane.JoinResult;

/**
 * The rooms of this node. A room is created by its first join and kept, with its history and its ids, after its last
 * member leaves; only when the node holds {@code maxRooms} rooms is an empty one forgotten to make room for a new one.
 */
public final class Rooms {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final int historyLength;
    private final int noticeLimit;
    private final int maxRooms;

    public Rooms(int historyLength, int noticeLimit, int maxRooms) {
        this.historyLength = historyLength;
        this.noticeLimit = noticeLimit;
        this.maxRooms = maxRooms;
    }

    /** See {@link Room#join}; creates the room when needed and allowed. */
    public JoinResult join(String name, Channel channel, String user, Long afterId, ByteBufAllocator alloc) {
        if (!rooms.containsKey(name) && rooms.size() >= maxRooms && !forgetAnEmptyRoom()) {
            return JoinResult.NO_ROOM_LEFT;
        }
        JoinResult[] result = new JoinResult[1];
        rooms.compute(name, (key, room) -> {
            Room target = room == null ? new Room(key, historyLength) : room;
            boolean added = target.join(channel, user, afterId, noticeLimit, alloc);
            result[0] = added ? JoinResult.JOINED : JoinResult.ALREADY_MEMBER;
            return target;
        });
        return result[0];
    }

    /** The room with this name, created when needed and allowed; empty when the node holds its maximum of rooms. */
    public Optional<Room> open(String name) {
        if (!rooms.containsKey(name) && rooms.size() >= maxRooms && !forgetAnEmptyRoom()) {
            return Optional.empty();
        }
        return Optional.of(rooms.computeIfAbsent(name, key -> new Room(key, historyLength)));
    }

    /** See {@link Room#leave}. */
    public void leave(String name, Channel channel, String user, String reason, ByteBufAllocator alloc) {
        Room room = rooms.get(name);
        if (room != null) {
            room.leave(channel, user, reason, noticeLimit, alloc);
        }
    }

    private boolean forgetAnEmptyRoom() {
        for (String name : rooms.keySet()) {
            boolean[] forgotten = new boolean[1];
            rooms.computeIfPresent(name, (key, room) -> {
                forgotten[0] = room.isEmpty();
                return forgotten[0] ? null : room;
            });
            if (forgotten[0]) {
                return true;
            }
        }
        return false;
    }

    /** The room with this name, if it has members. */
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

    /** How many rooms have members. */
    public int count() {
        return (int) rooms.values().stream().filter(room -> room.size() > 0).count();
    }
}
