package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/** A message the server sends to a client. */
@JsonSubTypes({
    @JsonSubTypes.Type(Welcome.class),
    @JsonSubTypes.Type(Joined.class),
    @JsonSubTypes.Type(Left.class),
    @JsonSubTypes.Type(ChatLine.class),
    @JsonSubTypes.Type(DirectMessage.class),
    @JsonSubTypes.Type(Members.class),
    @JsonSubTypes.Type(RoomList.class),
    @JsonSubTypes.Type(History.class),
    @JsonSubTypes.Type(Ack.class),
    @JsonSubTypes.Type(ErrorMessage.class),
    @JsonSubTypes.Type(Ping.class),
    @JsonSubTypes.Type(Pong.class),
    @JsonSubTypes.Type(Bye.class)
})
public sealed interface ServerMessage extends ChatMessage
        permits Welcome, Joined, Left, ChatLine, DirectMessage, Members, RoomList, History, Ack, ErrorMessage,
                Ping, Pong, Bye {
}
