package org.nettychat.client;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.RoomList;

/**
 * A logged-in chat session that reconnects by itself; obtained from {@link ChatClient#connect()}.
 *
 * <p>Every method is thread-safe, and all but {@link #close()} return at once. Each request returns a future that
 * completes on the listener executor, after the listener has seen the events that came before the answer: exceptionally
 * with a {@link ChatException} when the server refuses it (carrying the error code) or the session ends first.
 * Requests leave at the rate the server announced; more wait their turn in the session. Requests made while the
 * connection is down wait for the reconnect; {@code say}, {@code join}, {@code who}, {@code rooms} and {@code history}
 * are sent again after a reconnect if they were not answered, while {@code leave}, {@code kick} and {@code dm} that
 * were sent fail instead, because the server may already have carried them out. Room names are lower-cased as the
 * server does. Arguments the protocol cannot carry (empty text, overlong names) throw {@link IllegalArgumentException}.
 */
public interface ChatSession extends AutoCloseable {

    /** The name this session is logged in as. */
    String name();

    /** The server's message of the day, from its latest {@code welcome}; empty when it sent none. */
    Optional<String> motd();

    /** The room joined last and still held, the target of {@link #say(String)}; empty when in no room. */
    Optional<String> currentRoom();

    /** The rooms this session is in, in the order they were joined. */
    Set<String> joinedRooms();

    /** Whether the session is logged in right now (false while it reconnects). */
    boolean isConnected();

    /**
     * Whether the session has ended for good: closed, or ended by itself (its login refused on a reconnect, or the
     * reconnect policy's attempts used up). It is true before the requests the end fails complete.
     */
    boolean isEnded();

    /** Joins {@code room}; completes once the server has sent the room's backlog to the listener. */
    CompletableFuture<Void> join(String room);

    /** Leaves {@code room}. */
    CompletableFuture<Void> leave(String room);

    /**
     * Removes {@code user} from {@code room}; only the room's operator (its longest-standing member) may, others get
     * {@code not-operator}.
     */
    CompletableFuture<Void> kick(String room, String user);

    /** Says {@code text} in {@code room}; completes with the message's id in that room. */
    CompletableFuture<Long> say(String room, String text);

    /** Says {@code text} in the {@link #currentRoom()}; fails with {@code not-member} when there is none. */
    CompletableFuture<Long> say(String text);

    /** Sends {@code text} to the user {@code to} only. */
    CompletableFuture<Void> dm(String to, String text);

    /** The members of {@code room}, sorted by name. */
    CompletableFuture<List<String>> who(String room);

    /** Every room that has members, sorted by name. */
    CompletableFuture<List<RoomList.Room>> rooms();

    /** Up to {@code limit} of the latest messages of {@code room}, oldest first (the listener does not get them). */
    CompletableFuture<List<ChatLine>> history(String room, int limit);

    /**
     * Logs out and closes the connection; the session does not reconnect after this. Requests still pending fail. The
     * future completes once the listener has received {@link ChatListener#onClosed}.
     */
    CompletableFuture<Void> closeAsync();

    /**
     * Like {@link #closeAsync()}, but waits until the session is closed, at most a few seconds. Do not call it from a
     * listener method: the close completes on the listener executor.
     */
    @Override
    void close();
}
