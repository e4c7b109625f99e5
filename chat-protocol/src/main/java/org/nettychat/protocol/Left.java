package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Notice that {@code user} left {@code room}; sent to the remaining members and to the leaver.
 *
 * @param room   the room
 * @param user   who left (also the frame's USER)
 * @param reason {@value #LEFT} when the user asked, {@value #DISCONNECTED} when its connection ended, {@value #KICKED}
 *               when the room's operator removed it
 */
@JsonTypeName("left")
public record Left(String room, String user, String reason) implements ServerMessage {

    /** The user sent {@code leave}. */
    public static final String LEFT = "leave";
    /** The user's connection ended. */
    public static final String DISCONNECTED = "disconnect";
    /** The room's operator removed the user with {@link Kick}. */
    public static final String KICKED = "kicked";

    public Left {
        Checks.room(room, "room");
        Checks.userName(user, "user");
        Checks.maxLength(reason, "reason", ChatProtocol.MAX_REF_LENGTH);
    }

    @Override
    public String sender() {
        return user;
    }
}
