package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Request that leaves a room; answered with {@link Ack} (or {@link ErrorMessage}) carrying {@code ref}.
 *
 * @param room the room name
 * @param ref  optional client reference echoed in the answer
 */
@JsonTypeName("leave")
public record Leave(String room, String ref) implements ClientMessage {

    public Leave {
        Checks.room(room, "room");
        Checks.ref(ref);
    }
}
