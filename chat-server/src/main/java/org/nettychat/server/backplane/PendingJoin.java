package org.nettychat.server.backplane;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.History;

/**
 * A join of this node's user that waits for two things from Redis, in either order: its announcement on the room
 * channel (its place in the room's order) and the history the join script read at that place. Guarded by its own lock.
 */
final class PendingJoin {

    private final String room;
    private final String user;
    private final Channel channel;
    private final Long afterId;
    private final CompletableFuture<JoinResult> result = new CompletableFuture<>();
    private History history;
    private boolean announced;

    PendingJoin(String room, String user, Channel channel, Long afterId) {
        this.room = room;
        this.user = user;
        this.channel = channel;
        this.afterId = afterId;
    }

    String room() {
        return room;
    }

    String user() {
        return user;
    }

    Channel channel() {
        return channel;
    }

    Long afterId() {
        return afterId;
    }

    CompletableFuture<JoinResult> result() {
        return result;
    }

    void history(List<ChatLine> lines) {
        history = new History(room, lines, null);
    }

    /** The history to send, or null while it has not arrived. */
    History historyMessage() {
        return history;
    }

    void announce() {
        announced = true;
    }

    boolean announced() {
        return announced;
    }
}
