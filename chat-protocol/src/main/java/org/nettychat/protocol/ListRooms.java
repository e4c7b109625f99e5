package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Asks for the list of rooms; answered with {@link RoomList}.
 *
 * @param ref optional client reference echoed in the answer
 */
@JsonTypeName("rooms")
public record ListRooms(String ref) implements ClientMessage {

    public ListRooms {
        Checks.ref(ref);
    }
}
