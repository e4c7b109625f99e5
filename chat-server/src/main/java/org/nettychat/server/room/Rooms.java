package org.nettychat.server.room;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.nettychat.protocol.RoomList;

/**
 * The rooms of this node. A room is created by its first join and forgotten, with its history, when its last member
 * leaves.
 */
public final class Rooms {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final int historyLength;
    private final int noticeLimit;

    public Rooms(int historyLength, int noticeLimit) {
        this.historyLength = historyLength;
        this.noticeLimit = noticeLimit;
    }

    /** See {@link Room#join}; creates the room when needed. Returns false when already a member. */
    public boolean join(String name, Channel channel, String user, Long afterId, ByteBufAllocator alloc) {
        boolean[] added = new boolean[1];
        rooms.compute(name, (key, room) -> {
            Room target = room == null ? new Room(key, historyLength) : room;
            added[0] = target.join(channel, user, afterId, noticeLimit, alloc);
            return target;
        });
        return added[0];
    }

    /** See {@link Room#leave}; forgets the room when it is left empty. */
    public void leave(String name, Channel channel, String user, String reason, ByteBufAllocator alloc) {
        rooms.computeIfPresent(name, (key, room) -> {
            room.leave(channel, user, reason, noticeLimit, alloc);
            return room.isEmpty() ? null : room;
        });
    }

    /** The room with this name, if it has members. */
    public Optional<Room> find(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** Every room with its member count, sorted by name. */
    public List<RoomList.Room> list() {
        return rooms.values().stream()
                .map(room -> new RoomList.Room(room.name(), room.size()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /** How many rooms exist. */
    public int count() {
        return rooms.size();
    }
}
