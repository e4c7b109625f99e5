package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message of the chat protocol: the JSON body of one frame, told apart by its {@code type} field.
 *
 * <p>Messages are immutable records. {@link ClientMessage}s travel from client to server, {@link ServerMessage}s from
 * server to client; {@link Ping}, {@link Pong} and {@link Bye} travel both ways.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface ChatMessage permits ClientMessage, ServerMessage {

    /**
     * The name to put in the frame's USER field: who the event comes from, or empty for the server's own replies and
     * for client requests.
     */
    @JsonIgnore
    default String sender() {
        return "";
    }
}
