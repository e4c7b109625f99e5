package org.nettychat.server.backplane;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.Names;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.codec.MessageJson;
import org.nettychat.server.room.HistoryWindow;
import org.nettychat.server.room.Room;
import org.nettychat.server.room.Rooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a cluster's events to this node's rooms, in the order Redis publishes them: messages are delivered, joins
 * and leaves announced, and this node's own joiners admitted at their place in the room's order. Runs on Lettuce's
 * event loop and only decodes and hands bytes to the rooms, which never block.
 */
final class ClusterEvents extends RedisPubSubAdapter<String, String> {

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

    /** The event of a room the cluster forgot: it was empty, and its history and ids are gone. */
    static final String FORGOTTEN = "F";

    private final String node;
    private final Rooms rooms;
    private final ConcurrentMap<String, LocalUser> localUsers;
    private final int noticeLimit;
    /** This node's joins that wait for their announcement and their history, by room and user key. */
    private final ConcurrentMap<String, PendingJoin> pendingJoins = new ConcurrentHashMap<>();
    /** Each room's events in order, with gaps filled from its history. */
    private final ConcurrentMap<String, RoomStream> streams = new ConcurrentHashMap<>();
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();
    private final Function<String, CompletionStage<List<String>>> history;
    /** Where a room's stream retries a history read that failed. */
    private final RoomStream.Later later;
    /** This node's room members, by room and user key. */
    private final ConcurrentMap<String, Channel> memberships = new ConcurrentHashMap<>();

    ClusterEvents(String node, Rooms rooms, ConcurrentMap<String, LocalUser> localUsers, int noticeLimit,
            Function<String, CompletionStage<List<String>>> history, RoomStream.Later later) {
        this.history = history;
        this.later = later;
        this.node = node;
        this.rooms = rooms;
        this.localUsers = localUsers;
        this.noticeLimit = noticeLimit;
    }

    /** A logged-in user of this node. */
    record LocalUser(String name, Channel channel) {
    }

    PendingJoin expectJoin(String room, String user, Channel channel, Long afterId) {
        PendingJoin pending = new PendingJoin(room, user, channel, afterId);
        pendingJoins.put(key(room, user), pending);
        return pending;
    }

    void abandonJoin(PendingJoin pending, Throwable failure) {
        pendingJoins.remove(key(pending.room(), pending.user()), pending);
        pending.result().completeExceptionally(failure);
    }

    /** The join script refused: the cluster keeps as many rooms as it may, none of them empty. */
    void refuseJoin(PendingJoin pending) {
        finish(pending, JoinResult.NO_ROOM_LEFT);
    }

    /** The join script's answer: the history as it stood when the join took its place in the room's order. */
    void historyArrived(PendingJoin pending, List<ChatLine> history) {
        synchronized (pending) {
            long lastId = history.isEmpty() ? 0 : history.get(history.size() - 1).id();
            pending.history(HistoryWindow.select(history, Integer.MAX_VALUE, null,
                    HistoryWindow.resumeAfter(pending.afterId(), lastId)));
            if (pending.announced()) {
                rooms.find(pending.room()).ifPresent(room -> room.admit(pending.channel(),
                        new Joined(pending.room(), pending.user()), pending.historyMessage()));
                complete(pending);
            }
        }
    }

    @Override
    public void message(String pattern, String channel, String event) {
        String room = channel.substring(RedisKeys.ROOM_CHANNEL_PREFIX.length());
        try {
            if (event.equals(FORGOTTEN)) {
                // A stream filling a gap stays: the events it holds must run before any that come after them.
                streams.computeIfPresent(room, (name, stream) -> stream.isCatchingUp() ? stream : null);
                return;
            }
            RoomStream stream = stream(room);
            switch (event.charAt(0)) {
                case 'M' -> stream.message(parse(event.substring(2), ChatLine.class));
                case 'J' -> stream.event(() -> joined(room, event.split("\\|", 3)));
                case 'L' -> stream.event(() -> left(room, event.split("\\|", 4)));
                default -> log.warn("unknown cluster event on {}: {}", channel, event);
            }
        } catch (RuntimeException e) {
            log.warn("cannot apply cluster event on {}: {}", channel, e.toString());
        }
    }

    @Override
    public void message(String channel, String event) {
        if (event.startsWith("D|")) {
            DirectMessage dm = parse(event.substring(2), DirectMessage.class);
            LocalUser recipient = localUsers.get(Names.userKey(dm.to()));
            if (recipient != null) {
                recipient.channel().writeAndFlush(dm, recipient.channel().voidPromise());
            }
        }
    }

    @Override
    public void psubscribed(String pattern, long count) {
        // The first subscription starts the node; any later one follows a lost connection.
        if (!subscribedOnce.compareAndSet(false, true)) {
            log.info("room events resubscribed; catching up on what was said meanwhile");
            streams.values().forEach(RoomStream::resubscribed);
        }
    }

    private RoomStream stream(String room) {
        return streams.computeIfAbsent(room, name -> new RoomStream(
                () -> history.apply(name).thenApply(ClusterEvents::parseLines), this::delivered, later));
    }

    private void delivered(ChatLine line) {
        rooms.find(line.room()).ifPresent(room -> room.broadcast(line, ByteBufAllocator.DEFAULT));
    }

    private void joined(String roomName, String[] parts) {
        String joiner = parts[2];
        Joined notice = new Joined(roomName, joiner);
        PendingJoin pending = parts[1].equals(node) ? pendingJoins.get(key(roomName, joiner)) : null;
        if (pending == null) {
            rooms.find(roomName).ifPresent(room -> {
                if (room.size() < noticeLimit) {
                    room.broadcast(notice, ByteBufAllocator.DEFAULT);
                }
            });
            return;
        }
        synchronized (pending) {
            pending.announce();
            memberships.put(key(roomName, joiner), pending.channel());
            rooms.open(roomName).ifPresent(room -> room.arrive(pending.channel(), notice, pending.historyMessage(),
                    noticeLimit, ByteBufAllocator.DEFAULT));
            if (pending.historyMessage() != null) {
                complete(pending);
            }
        }
    }

    private void left(String roomName, String[] parts) {
        Channel member = parts[1].equals(node) ? memberships.remove(key(roomName, parts[2])) : null;
        Left notice = new Left(roomName, parts[2], parts[3]);
        rooms.find(roomName).ifPresent(room -> room.depart(member, notice, noticeLimit, ByteBufAllocator.DEFAULT));
        // Redis keeps the room; this node needs it only while someone on it is in the room.
        rooms.forgetIfEmpty(roomName);
        if (member != null && Left.KICKED.equals(parts[3])) {
            Room.lost(member, roomName);
        }
    }

    private void complete(PendingJoin pending) {
        finish(pending, JoinResult.JOINED);
    }

    private void finish(PendingJoin pending, JoinResult result) {
        pendingJoins.remove(key(pending.room(), pending.user()), pending);
        pending.result().complete(result);
    }

    /** Rooms whose events this node orders, for tests. */
    int streams() {
        return streams.size();
    }

    private static String key(String room, String user) {
        return room + '\n' + Names.userKey(user);
    }

    /** Parses stored or published message JSON. */
    static <T extends ServerMessage> T parse(String json, Class<T> type) {
        ByteBuf body = Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
        try {
            return type.cast(MessageJson.readServerMessage(body));
        } finally {
            body.release();
        }
    }

    /** Parses a room's stored history. */
    static List<ChatLine> parseLines(List<?> stored) {
        List<ChatLine> lines = new ArrayList<>(stored.size());
        for (Object json : stored) {
            lines.add(parse((String) json, ChatLine.class));
        }
        return lines;
    }
}
