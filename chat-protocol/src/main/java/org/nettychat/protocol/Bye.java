package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The end of a session. A client sends it to log out; the server answers with {@code bye} (reason {@value #CLIENT})
 * and closes. The server also sends it, with a reason, before it closes a connection of its own accord.
 *
 * @param reason why the session ends; null from a client
 */
@JsonTypeName("bye")
public record Bye(String reason) implements ClientMessage, ServerMessage {

    /** The client asked to leave. */
    public static final String CLIENT = "client";
    /** The server is shutting down. */
    public static final String SHUTDOWN = "shutdown";
    /** The server is draining this node; reconnect at once, possibly to another node. */
    public static final String DRAIN = "drain";
    /** No {@code hello} arrived in time. */
    public static final String HELLO_TIMEOUT = "hello-timeout";
    /** The client stayed silent and did not answer a ping. */
    public static final String IDLE_TIMEOUT = "idle-timeout";
    /** The client did not read its messages fast enough. */
    public static final String SLOW_CONSUMER = "slow-consumer";
    /** The client kept sending above the rate limit. */
    public static final String FLOOD = "flood";

    public Bye {
        Checks.maxLength(reason, "reason", ChatProtocol.MAX_REF_LENGTH);
    }

    /** Whether the client should reconnect straight away rather than give up or back off. */
    public boolean asksToReconnect() {
        return DRAIN.equals(reason);
    }
}
