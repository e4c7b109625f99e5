package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Request that joins a room, creating it if needed; answered with {@link Ack} (or {@link ErrorMessage}) carrying {@code ref}.
 *
 * @param room the room name
 * @param ref  optional client reference echoed in the answer
 */
@JsonTypeName("join")
public record Join(String room, String ref) implements ClientMessage {

    public Join {
        Checks.room(room, "room");
        Checks.ref(ref);
    }
}
