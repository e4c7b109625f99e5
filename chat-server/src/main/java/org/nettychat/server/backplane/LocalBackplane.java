package org.nettychat.server.backplane;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.Names;
import org.nettychat.protocol.RoomList;
import org.nettychat.server.admin.ServerMetrics;
import org.nettychat.server.room.Room;
import org.nettychat.server.room.Rooms;

/** The in-memory backplane of a single node: every stage it returns is already complete. */
public final class LocalBackplane implements Backplane {

    private static final AttributeKey<String> USER = AttributeKey.valueOf(LocalBackplane.class, "user");

    private final ConcurrentMap<String, Channel> users = new ConcurrentHashMap<>();
    private final Rooms rooms;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final int noticeLimit;
    /** History lives and dies with this instance, so each one is an epoch of its own. */
    private final String epoch = Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);

    public LocalBackplane(int historyLength, long historyBytes, int noticeLimit, int maxRooms, ServerMetrics metrics,
            Clock clock) {
        this.rooms = new Rooms(historyLength, historyBytes, noticeLimit, maxRooms);
        this.noticeLimit = noticeLimit;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public CompletionStage<Boolean> register(String name, Channel channel) {
        boolean claimed = users.putIfAbsent(Names.userKey(name), channel) == null;
        if (claimed) {
            channel.attr(USER).set(name);
        }
        return CompletableFuture.completedFuture(claimed);
    }

    @Override
    public void unregister(String name, Channel channel) {
        users.remove(Names.userKey(name), channel);
    }

    @Override
    public void undoRegister(String name, Channel channel) {
        // Registers here never fail; and the name is freed only if this channel holds it.
        unregister(name, channel);
    }

    @Override
    public CompletionStage<JoinResult> join(String room, String user, Channel channel, Long afterId) {
        return CompletableFuture.completedFuture(rooms.join(room, channel, user, afterId, ByteBufAllocator.DEFAULT));
    }

    @Override
    public CompletionStage<Void> leave(String room, String user, Channel channel, String reason) {
        rooms.leave(room, channel, user, reason, ByteBufAllocator.DEFAULT);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void undoJoin(String room, String user, Channel channel) {
        // Joins here never fail; and a room's leave does nothing for a channel that is not a member.
        leave(room, user, channel, Left.LEFT);
    }

    @Override
    public CompletionStage<Long> say(String room, String user, String text, String ref) {
        Room target = rooms.find(room).orElse(null);
        if (target == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no room " + room));
        }
        String dedupeKey = ref == null ? null : Names.userKey(user) + '\n' + ref;
        long id = target.say(user, text, dedupeKey, clock.millis(), ByteBufAllocator.DEFAULT);
        metrics.chatMessage();
        return CompletableFuture.completedFuture(id);
    }

    @Override
    public CompletionStage<KickResult> kick(String room, String operator, String user) {
        return CompletableFuture.completedFuture(rooms.find(room)
                .map(r -> r.kick(operator, user, noticeLimit, ByteBufAllocator.DEFAULT))
                .orElse(KickResult.NOT_MEMBER));
    }

    @Override
    public CompletionStage<Boolean> directMessage(DirectMessage message) {
        Channel recipient = users.get(Names.userKey(message.to()));
        if (recipient == null) {
            return CompletableFuture.completedFuture(false);
        }
        recipient.writeAndFlush(message, recipient.voidPromise());
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletionStage<List<String>> members(String room) {
        List<String> names = rooms.find(room)
                .map(r -> r.channels().stream().map(ch -> ch.attr(USER).get()).filter(Objects::nonNull)
                        .sorted(String.CASE_INSENSITIVE_ORDER).toList())
                .orElse(List.of());
        return CompletableFuture.completedFuture(names);
    }

    @Override
    public CompletionStage<List<RoomList.Room>> rooms() {
        return CompletableFuture.completedFuture(rooms.list());
    }

    @Override
    public CompletionStage<List<ChatLine>> history(String room, int limit, Long before, Long after) {
        return CompletableFuture.completedFuture(
                rooms.find(room).map(r -> r.history(limit, before, after)).orElse(List.of()));
    }

    @Override
    public int localUsers() {
        return users.size();
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public int localRooms() {
        return rooms.count();
    }

    @Override
    public long localHistoryBytes() {
        return rooms.historyBytes();
    }

    @Override
    public void close() {
        users.clear();
    }
}
