package org.nettychat.server.backplane;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.RoomList;

/**
 * Where names, room membership, history and delivery live. Sessions talk only to this interface: the in-memory
 * {@link LocalBackplane} serves one node, and a shared implementation can serve many.
 *
 * <p>Every method may be called from any event loop and never blocks; results arrive through the returned stage,
 * which may complete on another thread.
 */
public interface Backplane extends AutoCloseable {

    /**
     * Names this backplane's message history: ids are comparable only within one epoch. It changes when the history is
     * lost, such as when an in-memory node restarts.
     */
    String epoch();

    /** Claims {@code name} (unique ignoring case) for {@code channel}; completes with false when it is taken. */
    CompletionStage<Boolean> register(String name, Channel channel);

    /** Frees a name claimed by {@code channel}. */
    void unregister(String name, Channel channel);

    /**
     * Takes back a {@link #register} that failed, which may still have taken effect: frees {@code name} if this node
     * holds it without a channel.
     */
    void undoRegister(String name, Channel channel);

    /**
     * Adds {@code channel} to {@code room}, announces it with {@code joined} and sends the channel the room's history
     * (with {@code afterId}, only what came after it).
     */
    CompletionStage<JoinResult> join(String room, String user, Channel channel, Long afterId);

    /** Announces with {@code left} that the channel leaves {@code room} and removes it. */
    CompletionStage<Void> leave(String room, String user, Channel channel, String reason);

    /**
     * Takes back a {@link #join} that failed, which may still have taken effect (a command that timed out after it
     * ran): if {@code user} is a member of {@code room} after all, it leaves, announced; otherwise nothing happens.
     */
    void undoJoin(String room, String user, Channel channel);

    /**
     * Says {@code text} in {@code room}: assigns the next id, keeps it in history and delivers it to every member. A
     * repeat of the same {@code ref} by the same user is not delivered again. Completes with the message id.
     */
    CompletionStage<Long> say(String room, String user, String text, String ref);

    /**
     * Removes {@code user} from {@code room} on behalf of {@code operator}, who must be the room's longest-standing
     * member; the kicked user's channel gets a {@link RoomLost} event.
     */
    CompletionStage<KickResult> kick(String room, String operator, String user);

    /** Delivers a direct message; completes with false when the recipient is not online. */
    CompletionStage<Boolean> directMessage(DirectMessage message);

    /** The names of a room's members, sorted. */
    CompletionStage<List<String>> members(String room);

    /** Every room with members, sorted by name. */
    CompletionStage<List<RoomList.Room>> rooms();

    /** A room's history: see {@link org.nettychat.protocol.GetHistory}. */
    CompletionStage<List<ChatLine>> history(String room, int limit, Long before, Long after);

    /** Logged-in users on this node. */
    int localUsers();

    /** Rooms with members on this node. */
    int localRooms();

    /** Estimated bytes of message history and say refs held in this node's memory (none when Redis holds them). */
    long localHistoryBytes();

    /** Whether it can serve requests right now: false while a cluster's store is unreachable. */
    boolean isAvailable();

    /** Releases what the backplane holds; idempotent. */
    @Override
    void close();
}
