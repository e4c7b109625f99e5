package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Notice that {@code user} joined {@code room}; sent to the room's members, the joiner included.
 *
 * @param room the room
 * @param user who joined (also the frame's USER)
 */
@JsonTypeName("joined")
public record Joined(String room, String user) implements ServerMessage {

    public Joined {
        Checks.room(room, "room");
        Checks.userName(user, "user");
    }

    @Override
    public String sender() {
        return user;
    }
}
