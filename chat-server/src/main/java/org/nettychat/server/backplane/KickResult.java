package org.nettychat.server.backplane;

/** What became of a kick. */
public enum KickResult {
    /** The user was removed from the room. */
    KICKED,
    /** The kicker is not the room's operator. */
    NOT_OPERATOR,
    /** The user to kick is not in the room. */
    NOT_MEMBER
}
