package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The server's answer to a successful {@link Hello}.
 *
 * @param name         the name the session is logged in as
 * @param protocol     the server's protocol version ({@link ChatProtocol#VERSION})
 * @param motd         the message of the day; may be null
 * @param maxBodyBytes the largest frame BODY the server accepts
 * @param epoch        names the server's message history: message ids are comparable only within one epoch, and a
 *                     server that lost its history (a restart of an in-memory node) has a new one; may be null
 * @param rate         frames per second this connection may send on average (the rate limit); null when not announced
 * @param burst        frames this connection may send at once on top of that; null when not announced
 */
@JsonTypeName("welcome")
public record Welcome(String name, int protocol, String motd, int maxBodyBytes, String epoch, Integer rate,
        Integer burst) implements ServerMessage {

    public Welcome {
        Checks.userName(name, "name");
        Checks.maxLength(epoch, "epoch", ChatProtocol.MAX_REF_LENGTH);
        if (rate != null) {
            Checks.positive(rate, "rate");
        }
        if (burst != null) {
            Checks.positive(burst, "burst");
        }
    }
}
