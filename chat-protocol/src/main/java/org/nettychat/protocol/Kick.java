package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Removes {@code user} from {@code room}; only the room's operator (the member who has been in it longest) may. The
 * kicked user and the members get {@link Left} with reason {@value Left#KICKED}; the operator gets an {@link Ack}.
 *
 * @param room the room
 * @param user who to remove
 * @param ref  optional client reference echoed in the answer
 */
@JsonTypeName("kick")
public record Kick(String room, String user, String ref) implements ClientMessage {

    public Kick {
        Checks.room(room, "room");
        Checks.nonEmpty(user, "user");
        Checks.ref(ref);
    }
}
