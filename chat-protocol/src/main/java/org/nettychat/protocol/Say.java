package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Says {@code text} in a room; every member, the sender included, receives it as a {@link ChatLine}, and the sender
 * also gets an {@link Ack} with the message id. A say repeated with the same {@code ref} is acknowledged again with the
 * same id and not delivered twice.
 *
 * @param room the room, or null for the sender's current room (the room it joined last)
 * @param text the text, not empty
 * @param ref  optional client reference; also the key that makes a retried say idempotent
 */
@JsonTypeName("say")
public record Say(String room, String text, String ref) implements ClientMessage {

    public Say {
        Checks.optionalRoom(room, "room");
        Checks.nonEmpty(text, "text");
        Checks.ref(ref);
    }
}
