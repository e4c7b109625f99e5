package org.nettychat.server.backplane;

/** What became of a join. */
public enum JoinResult {
    /** The channel is now a member; it was announced and sent the history. */
    JOINED,
    /** The channel already was a member; nothing was sent. */
    ALREADY_MEMBER,
    /** The room does not exist and the server holds as many rooms as it may. */
    NO_ROOM_LEFT
}
