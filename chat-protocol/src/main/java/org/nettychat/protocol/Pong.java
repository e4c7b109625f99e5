package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Answer to a {@link Ping}.
 *
 * @param ref the ping's reference, or null
 */
@JsonTypeName("pong")
public record Pong(String ref) implements ClientMessage, ServerMessage {

    public Pong {
        Checks.ref(ref);
    }
}
