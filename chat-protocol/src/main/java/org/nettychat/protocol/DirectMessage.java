package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A direct message as its recipient receives it.
 *
 * @param from who sent it (also the frame's USER)
 * @param to   the recipient
 * @param text the text
 * @param ts   when the server accepted it, in milliseconds since the Unix epoch
 */
@JsonTypeName("dm")
public record DirectMessage(String from, String to, String text, long ts) implements ServerMessage {

    public DirectMessage {
        Checks.userName(from, "from");
        Checks.userName(to, "to");
        Checks.required(text, "text");
    }

    @Override
    public String sender() {
        return from;
    }
}
