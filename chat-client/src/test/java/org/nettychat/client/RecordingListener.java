package org.nettychat.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Left;

/** A listener that records what it receives, and on which threads, for tests to assert on. */
public final class RecordingListener implements ChatListener {

    public final List<ChatLine> lines = new CopyOnWriteArrayList<>();
    public final List<ChatLine> backlog = new CopyOnWriteArrayList<>();
    public final List<DirectMessage> dms = new CopyOnWriteArrayList<>();
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final List<ErrorMessage> errors = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(ChatLine line) {
        threads.add(Thread.currentThread().getName());
        lines.add(line);
    }

    @Override
    public void onBacklog(String room, List<ChatLine> lines) {
        backlog.addAll(lines);
        events.add("backlog " + room);
    }

    @Override
    public void onDirectMessage(DirectMessage message) {
        dms.add(message);
    }

    @Override
    public void onJoined(Joined joined) {
        events.add("joined " + joined.room() + " " + joined.user());
    }

    @Override
    public void onLeft(Left left) {
        events.add("left " + left.room() + " " + left.user());
    }

    @Override
    public void onError(ErrorMessage error) {
        errors.add(error);
    }

    @Override
    public void onDisconnected(String reason) {
        events.add("disconnected");
    }

    @Override
    public void onReconnected() {
        events.add("reconnected");
    }

    @Override
    public void onClosed(String reason) {
        events.add("closed " + reason);
    }

    /** The texts of the messages received, in order. */
    public List<String> texts() {
        return lines.stream().map(ChatLine::text).toList();
    }
}
