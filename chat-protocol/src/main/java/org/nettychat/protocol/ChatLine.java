package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A chat message said in a room, as every member (the sender included) receives it.
 *
 * @param id   the server's id, increasing within the room
 * @param room the room
 * @param from who said it (also the frame's USER)
 * @param text the text
 * @param ts   when the server accepted it, in milliseconds since the Unix epoch
 */
@JsonTypeName("message")
public record ChatLine(long id, String room, String from, String text, long ts) implements ServerMessage {

    public ChatLine {
        Checks.positive(id, "id");
        Checks.room(room, "room");
        Checks.userName(from, "from");
        Checks.required(text, "text");
    }

    @Override
    public String sender() {
        return from;
    }
}
