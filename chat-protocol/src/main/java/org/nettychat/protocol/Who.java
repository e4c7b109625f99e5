package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Asks who is in a room; answered with {@link Members}.
 *
 * @param room the room, or null for the current room
 * @param ref  optional client reference echoed in the answer
 */
@JsonTypeName("who")
public record Who(String room, String ref) implements ClientMessage {

    public Who {
        Checks.optionalRoom(room, "room");
        Checks.ref(ref);
    }
}
