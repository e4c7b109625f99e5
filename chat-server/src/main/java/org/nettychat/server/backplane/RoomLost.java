package org.nettychat.server.backplane;

/**
 * Fired on a member's pipeline when it was taken out of {@code room} by someone else (a kick), so its session forgets
 * the room.
 *
 * @param room the room
 */
public record RoomLost(String room) {
}
