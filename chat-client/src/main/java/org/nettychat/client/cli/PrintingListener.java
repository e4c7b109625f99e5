package org.nettychat.client.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.nettychat.client.ChatListener;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Left;

/**
 * Prints a session's events through a {@link LineFormat}: messages and direct messages to the output, problems to the
 * error output. In interactive mode it also prints join and leave notices and each room's backlog.
 */
final class PrintingListener implements ChatListener {

    /** What to print besides messages. */
    enum Detail {
        /** Messages, direct messages and problems only, as scripts want. */
        MESSAGES,
        /** Also notices and the backlog of each joined room, as a person wants. */
        EVERYTHING
    }

    /** Backlog lines shown when joining a room in interactive mode. */
    static final int BACKLOG_LINES = 20;

    private final LineFormat format;
    private final Consumer<String> out;
    private final Consumer<String> err;
    private final Detail detail;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile Consumer<Boolean> connectionShown = connected -> { };

    PrintingListener(LineFormat format, Consumer<String> out, Consumer<String> err, Detail detail) {
        this.format = format;
        this.out = out;
        this.err = err;
        this.detail = detail;
    }

    @Override
    public void onMessage(ChatLine line) {
        out.accept(format.message(line));
    }

    @Override
    public void onBacklog(String room, List<ChatLine> lines) {
        if (detail == Detail.EVERYTHING) {
            lines.subList(Math.max(0, lines.size() - BACKLOG_LINES), lines.size())
                    .forEach(line -> out.accept(format.message(line)));
        }
    }

    @Override
    public void onDirectMessage(DirectMessage message) {
        out.accept(format.directMessage(message));
    }

    @Override
    public void onJoined(Joined joined) {
        if (detail == Detail.EVERYTHING) {
            out.accept(format.joined(joined));
        }
    }

    @Override
    public void onLeft(Left left) {
        if (detail == Detail.EVERYTHING) {
            out.accept(format.left(left));
        }
    }

    @Override
    public void onError(ErrorMessage error) {
        err.accept(format.error(error));
    }

    @Override
    public void onDisconnected(String reason) {
        connectionShown.accept(false);
        err.accept(format.notice("connection lost (" + Sanitizer.clean(reason) + "); reconnecting"));
    }

    @Override
    public void onReconnected() {
        connectionShown.accept(true);
        err.accept(format.notice("reconnected"));
    }

    /** Also tells {@code show} when the connection is lost (false) and back (true), before printing it. */
    void showConnectionWith(Consumer<Boolean> show) {
        connectionShown = show;
    }

    @Override
    public void onClosed(String reason) {
        if (!"closed".equals(reason)) {
            err.accept(format.notice("session ended: " + Sanitizer.clean(reason)));
            ended.complete(reason);
        }
    }

    /** Completes with the reason when the session ends by itself (not by this client's close) and will not return. */
    CompletableFuture<String> ended() {
        return ended;
    }
}
