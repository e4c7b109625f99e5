package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Answer to {@link ListRooms}: every room that has members, sorted by name.
 *
 * @param rooms the rooms
 * @param ref   the request's reference, or null
 */
@JsonTypeName("rooms")
public record RoomList(List<Room> rooms, String ref) implements ServerMessage {

    public RoomList {
        rooms = List.copyOf(rooms == null ? List.of() : rooms);
        Checks.ref(ref);
    }

    /**
     * One room of the list.
     *
     * @param name    the room name
     * @param members how many members it has
     */
    public record Room(String name, int members) {
        public Room {
            Checks.room(name, "name");
        }
    }
}
