package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The server's answer to a successful {@link Hello}.
 *
 * @param name         the name the session is logged in as
 * @param protocol     the server's protocol version ({@link ChatProtocol#VERSION})
 * @param motd         the message of the day; may be null
 * @param maxBodyBytes the largest frame BODY the server accepts
 */
@JsonTypeName("welcome")
public record Welcome(String name, int protocol, String motd, int maxBodyBytes) implements ServerMessage {

    public Welcome {
        Checks.userName(name, "name");
    }
}
