package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Answer to {@link Who}: the members of a room, sorted by name.
 *
 * @param room  the room
 * @param users the members' names
 * @param ref   the request's reference, or null
 */
@JsonTypeName("members")
public record Members(String room, List<String> users, String ref) implements ServerMessage {

    public Members {
        Checks.room(room, "room");
        users = List.copyOf(users == null ? List.of() : users);
        Checks.ref(ref);
    }
}
