package org.nettychat.protocol;

/**
 * Constants of the chat wire format: header width, limits and their defaults (see {@code PROTOCOL.md}).
 */
public final class ChatProtocol {

    /** Protocol version announced in {@link Welcome}; raised only for changes that old peers cannot ignore. */
    public static final int VERSION = 1;

    /** Width in bytes of each length header (ULEN and BLEN): 1-8 ASCII digits, left-aligned, space-padded. */
    public static final int HEADER_LENGTH = 8;

    /** Largest value an 8-digit header can hold; configured limits may not exceed it. */
    public static final int MAX_HEADER_VALUE = 99_999_999;

    /** Largest USER field in bytes of UTF-8. Fixed by the wire format, not configurable. */
    public static final int MAX_USERNAME_BYTES = 32;

    /** Default largest BODY in bytes; a frame declaring more is refused with {@code too-large} before its body is read. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    /** Largest room name in characters (room names are ASCII). */
    public static final int MAX_ROOM_LENGTH = 32;

    /** Largest client-chosen {@code ref} in characters. */
    public static final int MAX_REF_LENGTH = 64;

    /** Largest password in characters accepted in {@link Hello}. */
    public static final int MAX_PASSWORD_LENGTH = 256;

    /** Largest number of rooms a {@link Hello} may ask to resume. */
    public static final int MAX_RESUME_ROOMS = 64;

    /** Largest number of messages one {@link GetHistory} may ask for. */
    public static final int MAX_HISTORY_LIMIT = 1000;

    /** Room every user is placed in after login unless it resumes other rooms. */
    public static final String DEFAULT_ROOM = "lobby";

    private ChatProtocol() {
    }
}
