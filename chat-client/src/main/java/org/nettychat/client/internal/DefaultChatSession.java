package org.nettychat.client.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nettychat.client.ChatException;
import org.nettychat.client.ChatSession;
import org.nettychat.client.internal.PendingRequest.OnReconnect;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.GetHistory;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Kick;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.ListRooms;
import org.nettychat.protocol.Members;
import org.nettychat.protocol.Names;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.SendDm;
import org.nettychat.protocol.Who;

/** The session handed to applications: builds each request on the caller's thread and queues it on the session's loop. */
final class DefaultChatSession implements ChatSession {

    /** Longest {@link #close()} waits. */
    static final long CLOSE_WAIT_MILLIS = 5000;

    private final String name;
    private final SessionCore core;

    DefaultChatSession(String name, SessionCore core) {
        this.name = name;
        this.core = core;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> motd() {
        return Optional.ofNullable(core.motd());
    }

    @Override
    public Optional<String> currentRoom() {
        return core.rooms().current();
    }

    @Override
    public Set<String> joinedRooms() {
        return core.rooms().snapshot();
    }

    @Override
    public boolean isConnected() {
        return core.isConnected();
    }

    @Override
    public boolean isEnded() {
        return core.isEnded();
    }

    @Override
    public CompletableFuture<Void> join(String room) {
        String ref = core.nextRef();
        return core.submit(PendingRequest.of(new Join(Names.canonicalRoom(room), ref), ref, Ack.class, ack -> null,
                OnReconnect.RESEND));
    }

    @Override
    public CompletableFuture<Void> leave(String room) {
        String ref = core.nextRef();
        return core.submit(PendingRequest.of(new Leave(Names.canonicalRoom(room), ref), ref, Ack.class, ack -> null,
                OnReconnect.FAIL));
    }

    @Override
    public CompletableFuture<Void> kick(String room, String user) {
        String ref = core.nextRef();
        return core.submit(PendingRequest.of(new Kick(Names.canonicalRoom(room), user, ref), ref, Ack.class,
                ack -> null, OnReconnect.FAIL));
    }

    @Override
    public CompletableFuture<Long> say(String room, String text) {
        String ref = core.nextRef();
        return core.submit(PendingRequest.of(new Say(Names.canonicalRoom(room), text, ref), ref, Ack.class, Ack::id,
                OnReconnect.RESEND));
    }

    @Override
    public CompletableFuture<Long> say(String text) {
        Optional<String> room = currentRoom();
        if (room.isEmpty()) {
            return CompletableFuture.failedFuture(new ChatException(ErrorCode.NOT_MEMBER, "not in any room"));
        }
        return say(room.get(), text);
    }

    @Override
    public CompletableFuture<Void> dm(String to, String text) {
        String ref = core.nextRef();
        return core.submit(PendingRequest.of(new SendDm(to, text, ref), ref, Ack.class, ack -> null,
                OnReconnect.FAIL));
    }

    @Override
    public CompletableFuture<List<String>> who(String room) {
        String ref = core.nextRef();
        return core.submit(PendingRequest.of(new Who(Names.canonicalRoom(room), ref), ref, Members.class,
                Members::users, OnReconnect.RESEND));
    }

    @Override
    public CompletableFuture<List<RoomList.Room>> rooms() {
        String ref = core.nextRef();
        return core.submit(PendingRequest.of(new ListRooms(ref), ref, RoomList.class, RoomList::rooms,
                OnReconnect.RESEND));
    }

    @Override
    public CompletableFuture<List<ChatLine>> history(String room, int limit) {
        String ref = core.nextRef();
        return core.submit(PendingRequest.of(new GetHistory(Names.canonicalRoom(room), limit, null, null, ref), ref,
                History.class, History::messages, OnReconnect.RESEND));
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        return core.closeAsync();
    }

    @Override
    public void close() {
        try {
            closeAsync().get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new ChatException("session did not close cleanly", e);
        }
    }

    @Override
    public String toString() {
        return "ChatSession(" + name + ", connected=" + isConnected() + ")";
    }
}
