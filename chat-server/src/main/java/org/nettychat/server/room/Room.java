package org.nettychat.server.room;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.Names;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.codec.ChatMessageEncoder;
import org.nettychat.server.backplane.KickResult;
import org.nettychat.server.backplane.RoomLost;

/**
 * One room on this node: its members, its recent history, its message ids and the refs of recent says (so a retried
 * say is not delivered twice).
 *
 * <p>Members are grouped by event loop. A broadcast is encoded once and queued in each event loop's {@link Outbox},
 * which writes the same bytes to that loop's members in batches. Every method that changes the room or writes to its
 * members holds the room's lock and never writes inline: everything for a member goes through its loop's outbox in
 * lock order, so every member receives the room's messages in id order, and its history before anything said after it
 * joined.
 */
public final class Room {

    /** Refs remembered per room for idempotent retries. */
    static final int REMEMBERED_REFS = 1000;

    private static final Recipient[] NONE = new Recipient[0];

    private final String name;
    private final int historyLength;
    private final HistoryBudget budget;
    private final ArrayDeque<Kept.Line> history;
    /** The refs of recent says, oldest first. */
    private final LinkedHashMap<String, Kept.Ref> recentRefs = new LinkedHashMap<>();
    /** Members per event loop; each array is replaced, never changed, so a queued task keeps a stable snapshot. */
    private final Map<EventLoop, Recipient[]> members = new HashMap<>();
    /** Members' names in the order they joined: the first is the room's operator. */
    private final LinkedHashMap<Channel, String> names = new LinkedHashMap<>();
    /** Per event loop, what is queued for the members there. */
    private final Map<EventLoop, Outbox> outboxes = new HashMap<>();
    /** Members that joined through a shared backplane and wait for their history: what is said meanwhile is held. */
    private final Map<Channel, List<ByteBuf>> held = new HashMap<>();
    private int size;
    private long lastId;

    Room(String name, int historyLength, HistoryBudget budget) {
        this.name = name;
        this.historyLength = historyLength;
        this.budget = budget;
        this.history = new ArrayDeque<>(Math.min(historyLength, 64));
    }

    /** The room's name. */
    public String name() {
        return name;
    }

    /** How many members the room has on this node. */
    public synchronized int size() {
        return size;
    }

    synchronized boolean isEmpty() {
        return size == 0 && held.isEmpty();
    }

    /** The members' channels, as a snapshot. */
    public synchronized List<Channel> channels() {
        return new ArrayList<>(names.keySet());
    }

    /**
     * Assigns the next id to a say and delivers it to every member, or, when {@code dedupeKey} was seen recently,
     * returns the id it got then and delivers nothing. Keeps the say in the history; when that takes the node over its
     * {@link HistoryBudget}, the node's oldest history (of any room) makes way.
     *
     * @return the message's id
     */
    public long say(String from, String text, String dedupeKey, long timestamp, ByteBufAllocator alloc) {
        long id = deliverAndKeep(from, text, dedupeKey, timestamp, alloc);
        budget.enforce();
        return id;
    }

    private synchronized long deliverAndKeep(String from, String text, String dedupeKey, long timestamp,
            ByteBufAllocator alloc) {
        if (dedupeKey != null) {
            Kept.Ref earlier = recentRefs.get(dedupeKey);
            if (earlier != null) {
                return earlier.id;
            }
        }
        ChatLine line = new ChatLine(++lastId, name, from, text, timestamp);
        if (dedupeKey != null) {
            if (recentRefs.size() == REMEMBERED_REFS) {
                Iterator<Kept.Ref> eldest = recentRefs.values().iterator();
                budget.release(eldest.next());
                eldest.remove();
            }
            Kept.Ref ref = new Kept.Ref(this, dedupeKey, line.id());
            recentRefs.put(dedupeKey, ref);
            budget.charge(ref);
        }
        if (historyLength > 0) {
            if (history.size() == historyLength) {
                budget.release(history.removeFirst());
            }
            Kept.Line entry = new Kept.Line(this, line);
            history.addLast(entry);
            budget.charge(entry);
        }
        broadcast(line, alloc);
        return line.id();
    }

    /** Lets go of {@code kept}, if this room still holds it, and gives its memory back to the budget. */
    synchronized void drop(Kept kept) {
        boolean held = kept instanceof Kept.Line entry ? history.remove(entry)
                : kept instanceof Kept.Ref ref && recentRefs.remove(ref.key, ref);
        if (held) {
            budget.release(kept);
        }
    }

    /** Lets go of everything this room keeps: it is forgotten. */
    synchronized void dropAll() {
        history.forEach(budget::release);
        history.clear();
        recentRefs.values().forEach(budget::release);
        recentRefs.clear();
    }

    /** Delivers {@code message} to every member: encoded once, the same bytes for all. Returns the recipient count. */
    public synchronized int broadcast(ServerMessage message, ByteBufAllocator alloc) {
        ByteBuf encoded = ChatMessageEncoder.encode(alloc, message);
        try {
            for (Map.Entry<EventLoop, Recipient[]> loopMembers : members.entrySet()) {
                outbox(loopMembers.getKey()).add(encoded.retainedDuplicate(), loopMembers.getValue());
            }
            for (List<ByteBuf> waiting : held.values()) {
                waiting.add(encoded.retainedDuplicate());
            }
        } finally {
            encoded.release();
        }
        return size;
    }

    /** Messages kept in history, as {@link HistoryWindow#select} picks them. */
    public synchronized List<ChatLine> history(int limit, Long before, Long after) {
        List<ChatLine> lines = new ArrayList<>(history.size());
        history.forEach(entry -> lines.add(entry.line));
        return HistoryWindow.select(lines, limit, before, after);
    }

    /**
     * Adds a member and, in one step so that nothing is said in between, announces it and sends it the history:
     * everything kept, or with {@code afterId} only what came after that id. An {@code afterId} this room never reached
     * was seen in an earlier room of the same name, forgotten since (see {@link Rooms}): the joiner gets everything
     * kept then too. Members other than the joiner hear of it only while the room has at most {@code noticeLimit}
     * members.
     *
     * @return false when the channel already was a member (nothing is sent then)
     */
    synchronized boolean join(Channel channel, String user, Long afterId, int noticeLimit, ByteBufAllocator alloc) {
        if (names.containsKey(channel)) {
            return false;
        }
        Long after = HistoryWindow.resumeAfter(afterId, lastId);
        arrive(channel, new Joined(name, user), new History(name, history(historyLength, null, after), null),
                noticeLimit, alloc);
        return true;
    }

    /**
     * Announces that a member leaves (to the leaver too, while it is still connected) and removes it. Members other
     * than the leaver hear of it only while the room has at most {@code noticeLimit} members.
     */
    synchronized void leave(Channel channel, String user, String reason, int noticeLimit, ByteBufAllocator alloc) {
        if (!names.containsKey(channel)) {
            // Gone already: a kicked member whose connection closed before its kick reached its session.
            return;
        }
        Left notice = new Left(name, user, reason);
        if (size <= noticeLimit) {
            broadcast(notice, alloc);
        } else {
            send(channel, notice);
        }
        remove(channel);
    }

    /**
     * A member that joined through a shared backplane, at its place in the room's shared order: the other members hear
     * of it now; the joiner itself waits for its history ({@link #admit}), and what is said meanwhile is held for it.
     * When {@code history} is already known the joiner is admitted at once.
     */
    public synchronized void arrive(Channel channel, Joined notice, History history, int noticeLimit,
            ByteBufAllocator alloc) {
        if (size + 1 <= noticeLimit) {
            broadcast(notice, alloc);
        }
        if (history != null) {
            Recipient[] joiner = {Recipient.of(channel)};
            send(joiner, notice);
            send(joiner, history);
            add(joiner[0], notice.user());
        } else {
            held.putIfAbsent(channel, new ArrayList<>());
        }
    }

    /** Sends a held joiner its notice, its history and what was said since it arrived, and makes it a member. */
    public synchronized void admit(Channel channel, Joined notice, History history) {
        List<ByteBuf> waiting = held.remove(channel);
        if (waiting == null) {
            return;
        }
        Recipient[] joiner = {Recipient.of(channel)};
        send(joiner, notice);
        send(joiner, history);
        waiting.forEach(frame -> outbox(channel.eventLoop()).add(frame, joiner));
        add(joiner[0], notice.user());
    }

    /** A member leaves at its place in the shared order: announced to all (the leaver too), then removed. */
    public synchronized void depart(Channel channel, Left notice, int noticeLimit, ByteBufAllocator alloc) {
        if (channel != null) {
            List<ByteBuf> waiting = held.remove(channel);
            if (waiting != null) {
                waiting.forEach(ByteBuf::release);
            }
        }
        if (size <= noticeLimit) {
            broadcast(notice, alloc);
        } else if (channel != null) {
            send(channel, notice);
        }
        if (channel != null) {
            remove(channel);
        }
    }

    /**
     * Removes {@code user} on behalf of {@code operator}, who must be the member who has been in the room longest;
     * everyone hears of it with reason {@value Left#KICKED}, and the kicked member's pipeline gets {@link RoomLost}.
     */
    public synchronized KickResult kick(String operator, String user, int noticeLimit, ByteBufAllocator alloc) {
        Iterator<Map.Entry<Channel, String>> byAge = names.entrySet().iterator();
        if (!byAge.hasNext() || !byAge.next().getValue().equals(operator)) {
            return KickResult.NOT_OPERATOR;
        }
        String key = Names.userKey(user);
        for (Map.Entry<Channel, String> member : names.entrySet()) {
            if (Names.userKey(member.getValue()).equals(key)) {
                Channel victim = member.getKey();
                depart(victim, new Left(name, member.getValue(), Left.KICKED), noticeLimit, alloc);
                lost(victim, name);
                return KickResult.KICKED;
            }
        }
        return KickResult.NOT_MEMBER;
    }

    /** Tells a member's session, on its own event loop, that it is no longer in {@code room}. */
    public static void lost(Channel member, String room) {
        member.eventLoop().execute(() -> member.pipeline().fireUserEventTriggered(new RoomLost(room)));
    }

    private void add(Recipient member, String user) {
        Channel channel = member.channel();
        if (names.containsKey(channel)) {
            return;
        }
        Recipient[] loopMembers = members.getOrDefault(channel.eventLoop(), NONE);
        Recipient[] grown = Arrays.copyOf(loopMembers, loopMembers.length + 1);
        grown[loopMembers.length] = member;
        members.put(channel.eventLoop(), grown);
        names.put(channel, user);
        size++;
    }

    private void remove(Channel channel) {
        Recipient[] loopMembers = members.getOrDefault(channel.eventLoop(), NONE);
        for (int i = 0; i < loopMembers.length; i++) {
            if (loopMembers[i].channel() == channel) {
                Recipient[] shrunk = new Recipient[loopMembers.length - 1];
                System.arraycopy(loopMembers, 0, shrunk, 0, i);
                System.arraycopy(loopMembers, i + 1, shrunk, i, shrunk.length - i);
                if (shrunk.length == 0) {
                    members.remove(channel.eventLoop());
                } else {
                    members.put(channel.eventLoop(), shrunk);
                }
                names.remove(channel);
                size--;
                return;
            }
        }
    }

    /**
     * Queues a message for one member behind everything already queued for it; call under the room's lock. Messages
     * sent with the same one-member array go out in one write.
     */
    private void send(Recipient[] member, ServerMessage message) {
        Channel channel = member[0].channel();
        outbox(channel.eventLoop()).add(ChatMessageEncoder.encode(channel.alloc(), message), member);
    }

    /** {@link #send(Recipient[], ServerMessage)} to {@code channel}. */
    private void send(Channel channel, ServerMessage message) {
        send(new Recipient[] {Recipient.of(channel)}, message);
    }

    private Outbox outbox(EventLoop loop) {
        Outbox outbox = outboxes.get(loop);
        if (outbox == null) {
            outbox = new Outbox(this, loop);
            outboxes.put(loop, outbox);
        }
        return outbox;
    }
}
