package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Sends a direct message to one user, who receives it as a {@link DirectMessage}; acknowledged with an {@link Ack}.
 *
 * @param to   the recipient's name, 1 to {@link ChatProtocol#MAX_USERNAME_BYTES} bytes of UTF-8
 * @param text the text, not empty
 * @param ref  optional client reference echoed in the answer
 */
@JsonTypeName("dm")
public record SendDm(String to, String text, String ref) implements ClientMessage {

    public SendDm {
        Checks.userName(to, "to");
        Checks.nonEmpty(text, "text");
        Checks.ref(ref);
    }
}
