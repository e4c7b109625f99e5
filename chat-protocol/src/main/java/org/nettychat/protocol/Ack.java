package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Confirms that a request with a {@code ref} succeeded. For {@link Say} it names the room and the message's id.
 *
 * @param ref  the request's reference
 * @param room the room of an acknowledged say, or null
 * @param id   the id of an acknowledged say, or null
 */
@JsonTypeName("ack")
public record Ack(String ref, String room, Long id) implements ServerMessage {

    public Ack {
        Checks.nonEmpty(ref, "ref");
        Checks.ref(ref);
        Checks.optionalRoom(room, "room");
    }

    /** An ack for a request other than {@link Say}. */
    public static Ack of(String ref) {
        return new Ack(ref, null, null);
    }
}
