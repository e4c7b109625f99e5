package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * A room's past messages, oldest first: the answer to {@link GetHistory}, and sent unasked after a join.
 *
 * @param room     the room
 * @param messages the messages, each as members received it
 * @param ref      the request's reference, or null when sent after a join
 */
@JsonTypeName("history")
public record History(String room, List<ChatLine> messages, String ref) implements ServerMessage {

    public History {
        Checks.room(room, "room");
        messages = List.copyOf(messages == null ? List.of() : messages);
        Checks.ref(ref);
    }
}
