package org.nettychat.client.internal;

import io.netty.channel.Channel;
import java.util.List;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.Members;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts what the server sends after login: answers go to their pending request by ref, room events update the room
 * tracker and reach the listener once each. Runs on the session's event loop.
 */
final class MessageRouter {

    private static final Logger LOG = LoggerFactory.getLogger(MessageRouter.class);

    private final RoomTracker rooms;
    private final PendingRequests pending;
    private final ListenerDispatcher events;
    private final SessionCore core;
    private final String name;

    MessageRouter(String name, RoomTracker rooms, PendingRequests pending, ListenerDispatcher events,
            SessionCore core) {
        this.name = name;
        this.rooms = rooms;
        this.pending = pending;
        this.events = events;
        this.core = core;
    }

    void route(Channel ch, ServerMessage message) {
        if (message instanceof ChatLine line) {
            if (rooms.accept(line)) {
                events.emit(listener -> listener.onMessage(line));
            }
        } else if (message instanceof History history && history.ref() == null) {
            unaskedHistory(history);
        } else if (message instanceof Joined joined) {
            if (joined.user().equals(name)) {
                rooms.joined(joined.room());
            }
            events.emit(listener -> listener.onJoined(joined));
        } else if (message instanceof Left left) {
            if (left.user().equals(name)) {
                rooms.left(left.room());
            }
            events.emit(listener -> listener.onLeft(left));
        } else if (message instanceof DirectMessage dm) {
            events.emit(listener -> listener.onDirectMessage(dm));
        } else if (message instanceof Bye bye) {
            core.byeReceived(ch, bye);
        } else {
            answer(message);
        }
    }

    /**
     * The history the server sends after a join: a backlog for a room new to this session, or, for a room it resumed
     * after a reconnect, the messages it missed.
     */
    private void unaskedHistory(History history) {
        String room = history.room();
        if (rooms.isTracked(room)) {
            List<ChatLine> missed = rooms.acceptAll(history.messages());
            missed.forEach(line -> events.emit(listener -> listener.onMessage(line)));
        } else {
            rooms.track(room, history.messages());
            events.emit(listener -> listener.onBacklog(room, history.messages()));
        }
        core.roomReady(room);
    }

    private void answer(ServerMessage message) {
        String ref = refOf(message);
        if (message instanceof ErrorMessage error && error.errorCode() == ErrorCode.RATE_LIMITED
                && core.retryRefused(ref)) {
            return;
        }
        PendingRequest<?> request = pending.remove(ref);
        if (request == null) {
            if (message instanceof ErrorMessage error) {
                events.emit(listener -> listener.onError(error));
                if (ref == null) {
                    core.refusedWithoutRef();
                }
            } else if (!(message instanceof Pong)) {
                LOG.debug("Ignoring {} that answers no pending request", message);
            }
            return;
        }
        if (request.message() instanceof Join join && message instanceof Ack) {
            rooms.joinedByRequest(join.room());
        }
        request.answer(message, events);
    }

    private static String refOf(ServerMessage message) {
        if (message instanceof Ack ack) {
            return ack.ref();
        } else if (message instanceof ErrorMessage error) {
            return error.ref();
        } else if (message instanceof Members members) {
            return members.ref();
        } else if (message instanceof RoomList list) {
            return list.ref();
        } else if (message instanceof History history) {
            return history.ref();
        } else if (message instanceof Pong pong) {
            return pong.ref();
        }
        return null;
    }
}
