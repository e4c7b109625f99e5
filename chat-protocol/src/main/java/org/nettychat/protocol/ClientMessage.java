package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/** A message a client sends to the server. */
@JsonSubTypes({
    @JsonSubTypes.Type(Hello.class),
    @JsonSubTypes.Type(Join.class),
    @JsonSubTypes.Type(Leave.class),
    @JsonSubTypes.Type(Say.class),
    @JsonSubTypes.Type(SendDm.class),
    @JsonSubTypes.Type(Who.class),
    @JsonSubTypes.Type(ListRooms.class),
    @JsonSubTypes.Type(GetHistory.class),
    @JsonSubTypes.Type(Kick.class),
    @JsonSubTypes.Type(Ping.class),
    @JsonSubTypes.Type(Pong.class),
    @JsonSubTypes.Type(Bye.class)
})
public sealed interface ClientMessage extends ChatMessage
        permits Hello, Join, Leave, Say, SendDm, Who, ListRooms, GetHistory, Kick, Ping, Pong, Bye {

    /** The client's reference for this request, echoed in the answer; null when none was given. */
    default String ref() {
        return null;
    }
}
