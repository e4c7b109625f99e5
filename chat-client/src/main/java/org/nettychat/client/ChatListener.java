package org.nettychat.client;

import java.util.List;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Left;

/**
 * Receives a session's events; every method has an empty default, so implement only what you need.
 *
 * <p>All methods are called on the client's listener executor, never on a Netty thread, one at a time and in the
 * order the events happened (with the default single-threaded executor). A method that blocks holds up the events
 * after it, and it must not wait for a future of the same session, since that future completes on the same thread.
 */
public interface ChatListener {

    /**
     * A message said in a joined room, including one missed while reconnecting; each arrives once, in order of id
     * (unless the room's ids started again at 1: the server lost its history, or forgot the empty room to make space).
     */
    default void onMessage(ChatLine line) {
    }

    /**
     * The messages a room held when this session joined it, oldest first; the live messages that follow arrive
     * through {@link #onMessage}.
     */
    default void onBacklog(String room, List<ChatLine> lines) {
    }

    /** A direct message to this session's user. */
    default void onDirectMessage(DirectMessage message) {
    }

    /** Someone joined a room this session is in (this session's own joins included). */
    default void onJoined(Joined joined) {
    }

    /** Someone left a room this session is in (this session's own leaves included). */
    default void onLeft(Left left) {
    }

    /** An error from the server that answers no pending request. */
    default void onError(ErrorMessage error) {
    }

    /** The connection was lost; the session reconnects when its policy allows. {@code reason} says why. */
    default void onDisconnected(String reason) {
    }

    /** The session is logged in again after a lost connection, back in its rooms, with missed messages on the way. */
    default void onReconnected() {
    }

    /** The session ended for good: closed by the application, refused, or out of reconnect attempts. */
    default void onClosed(String reason) {
    }
}
