package org.nettychat.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every error code of the protocol, with its wire name and whether the connection survives it. */
public enum ErrorCode {
    /** A length header is not 1-8 ASCII digits followed by spaces. */
    BAD_HEADER("bad-header", Connection.CLOSED),
    /** A length header declares more than the limit (USER over 32 bytes, BODY over the configured maximum). */
    TOO_LARGE("too-large", Connection.CLOSED),
    /** The USER field is not valid UTF-8. */
    BAD_USER("bad-user", Connection.CLOSED),
    /** The BODY is not valid UTF-8. */
    BAD_ENCODING("bad-encoding", Connection.KEPT),
    /** The BODY starts with '{' but is not one well-formed JSON object within the nesting and number limits. */
    BAD_JSON("bad-json", Connection.KEPT),
    /** The JSON object's "type" is not a type this side accepts. */
    UNKNOWN_TYPE("unknown-type", Connection.KEPT),
    /** A field is missing, has the wrong JSON type or an invalid value. */
    BAD_MESSAGE("bad-message", Connection.KEPT),
    /** Something other than hello arrived before login. */
    NOT_LOGGED_IN("not-logged-in", Connection.CLOSED),
    /** A second hello on a logged-in connection. */
    ALREADY_LOGGED_IN("already-logged-in", Connection.KEPT),
    /** The name in hello breaks the naming rules. */
    BAD_NAME("bad-name", Connection.KEPT),
    /** The name in hello is in use (names are unique ignoring case). */
    NAME_TAKEN("name-taken", Connection.KEPT),
    /** The name needs a password and the one given is wrong or missing. */
    AUTH_FAILED("auth-failed", Connection.CLOSED),
    /** A frame's USER names someone other than the sender. */
    IMPERSONATION("impersonation", Connection.CLOSED),
    /** A room name breaks the naming rules. */
    BAD_ROOM("bad-room", Connection.KEPT),
    /** The request needs membership of a room the sender has not joined. */
    NOT_MEMBER("not-member", Connection.KEPT),
    /** Only the room's operator (its longest-standing member) may do that. */
    NOT_OPERATOR("not-operator", Connection.KEPT),
    /** The sender already is in as many rooms as allowed. */
    TOO_MANY_ROOMS("too-many-rooms", Connection.KEPT),
    /** A direct message names a user who is not online. */
    NO_SUCH_USER("no-such-user", Connection.KEPT),
    /** Over the per-connection rate limit; the request was not carried out. */
    RATE_LIMITED("rate-limited", Connection.KEPT),
    /** The server or one of its backing services cannot carry out the request right now; retry later. */
    UNAVAILABLE("unavailable", Connection.KEPT),
    /** The server holds as many connections as allowed, in all or from this address. */
    SERVER_FULL("server-full", Connection.CLOSED),
    /** The server failed unexpectedly while handling the request. */
    INTERNAL("internal", Connection.CLOSED),
    /** A code this version of the protocol does not know; never sent. */
    UNKNOWN("unknown", Connection.KEPT);

    private static final Map<String, ErrorCode> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::wireName, Function.identity()));

    private final String wireName;
    private final Connection connection;

    ErrorCode(String wireName, Connection connection) {
        this.wireName = wireName;
        this.connection = connection;
    }

    /** The code as it appears in an {@code error} message's {@code code} field. */
    public String wireName() {
        return wireName;
    }

    /** Whether the server closes the connection after sending this error. */
    public boolean closesConnection() {
        return connection == Connection.CLOSED;
    }

    /** The code with this wire name, or {@link #UNKNOWN}. */
    public static ErrorCode fromWireName(String wireName) {
        return BY_WIRE_NAME.getOrDefault(wireName, UNKNOWN);
    }

    private enum Connection {
        KEPT,
        CLOSED
    }
}
