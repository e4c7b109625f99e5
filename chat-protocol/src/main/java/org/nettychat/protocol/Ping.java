package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Liveness probe, sent by either side; the other answers with a {@link Pong} carrying the same {@code ref}.
 *
 * @param ref optional reference echoed in the pong
 */
@JsonTypeName("ping")
public record Ping(String ref) implements ClientMessage, ServerMessage {

    public Ping {
        Checks.ref(ref);
    }
}
