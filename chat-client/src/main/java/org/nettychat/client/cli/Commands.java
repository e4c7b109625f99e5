package org.nettychat.client.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.nettychat.client.ChatSession;
import org.nettychat.protocol.ChatLine;

/**
 * The interactive commands: a line starting with {@code /} is a command, any other line is said in the current room
 * ({@code //} says a line that starts with {@code /}). Commands that change or read state wait for the server's
 * answer, so the prompt shows the right room afterwards.
 */
final class Commands {

    /** The help text, one command per line. */
    static final String HELP = String.join("\n",
            "/join <room>          join a room and make it the current one",
            "/leave [room]         leave a room (the current one by default)",
            "/msg <user> <text>    send a direct message",
            "/kick <user>          remove a user from the current room (for its operator: the longest-standing member)",
            "/who [room]           list the members of a room",
            "/rooms                list the rooms that have members",
            "/history [count]      show the latest messages of the current room (default 20)",
            "/quit                 log out and exit",
            "/help                 show this help",
            "any other line is said in the current room; start it with // to say a line beginning with /");

    private static final int DEFAULT_HISTORY = 20;
    /** The most a history request may ask for (PROTOCOL.md). */
    private static final int MAX_HISTORY = 1000;

    private final ChatSession session;
    private final LineFormat format;
    private final Consumer<String> out;
    private final Duration timeout;

    Commands(ChatSession session, LineFormat format, Consumer<String> out, Duration timeout) {
        this.session = session;
        this.format = format;
        this.out = out;
        this.timeout = timeout;
    }

    /**
     * Carries out the input typed at a prompt that showed {@code shownRoom} (null: none yet, so the current room);
     * false when the user asked to quit. A plain line goes to that room, even if the current room changed while it was
     * typed (a kick): refused there rather than said where the user did not mean it.
     *
     * <p>A paste may hold several lines. Only the first may be a command; the others are text, each a message of its
     * own, said as pasted, or, after a {@code /msg}, sent to the same user: a pasted secret never lands in the room,
     * and a pasted line starting with {@code /} runs nothing.
     */
    boolean execute(String input, String shownRoom) {
        String[] lines = input.split("\\R");
        if (!executeLine(lines[0], shownRoom)) {
            return false;
        }
        String[] first = lines[0].strip().split("\\s+", 3);
        boolean directMessage = first[0].equalsIgnoreCase("/msg");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            if (!directMessage) {
                say(lines[i], shownRoom);
            } else if (first.length > 1) {
                executeLine("/msg " + first[1] + " " + lines[i], shownRoom);
            } else {
                out.accept(format.notice("not sent: a pasted line after /msg without a user"));
            }
        }
        return true;
    }

    private boolean executeLine(String input, String shownRoom) {
        String line = input.strip();
        if (line.isEmpty()) {
            return true;
        }
        if (!line.startsWith("/") || line.startsWith("//")) {
            say(line.startsWith("//") ? line.substring(1) : line, shownRoom);
            return true;
        }
        String[] parts = line.split("\\s+", 3);
        String command = parts[0].toLowerCase(Locale.ROOT);
        String arg = parts.length > 1 ? parts[1] : null;
        try {
            return command(command, arg, parts.length > 2 ? parts[2] : null);
        } catch (IllegalArgumentException e) {
            out.accept(format.notice("cannot do that: " + e.getMessage()));
        } catch (CompletionException e) {
            out.accept(format.notice(e.getCause() instanceof TimeoutException
                    ? "no answer from the server within " + timeout.toSeconds() + " s; it may still be carried out"
                    : "failed: " + Sanitizer.clean(e.getCause().getMessage())));
        }
        return true;
    }

    private boolean command(String command, String arg, String rest) {
        switch (command) {
            case "/quit", "/exit" -> {
                nothingMore(arg, command);
                return false;
            }
            case "/join" -> {
                nothingMore(rest, "/join <room>");
                answer(session.join(required(arg, "/join <room>")));
            }
            case "/leave" -> {
                nothingMore(rest, "/leave [room]");
                answer(session.leave(arg != null ? arg : current()));
            }
            case "/msg" -> {
                answer(session.dm(required(arg, "/msg <user> <text>"), required(rest, "/msg <user> <text>")));
                out.accept(format.notice("-> " + arg + ": " + rest));
            }
            case "/kick" -> {
                nothingMore(rest, "/kick <user>");
                String room = current();
                answer(session.kick(room, required(arg, "/kick <user>")));
                out.accept(format.notice("kicked " + Sanitizer.clean(arg) + " from " + Sanitizer.clean(room)));
            }
            case "/who" -> {
                nothingMore(rest, "/who [room]");
                String room = arg != null ? arg : current();
                List<String> users = answer(session.who(room));
                out.accept(format.notice(Sanitizer.clean(room) + ": "
                        + users.stream().map(format::user).collect(Collectors.joining(", "))));
            }
            case "/rooms" -> {
                nothingMore(arg, "/rooms");
                out.accept(format.notice(answer(session.rooms()).stream()
                        .map(room -> Sanitizer.clean(room.name()) + " (" + room.members() + ")")
                        .collect(Collectors.joining(", "))));
            }
            case "/history" -> {
                nothingMore(rest, "/history [count]");
                List<ChatLine> lines = answer(session.history(current(), historyCount(arg)));
                lines.forEach(line -> out.accept(format.message(line)));
            }
            case "/help" -> {
                nothingMore(arg, "/help");
                out.accept(format.notice(HELP));
            }
            default -> out.accept(format.notice("unknown command " + command + "; /help lists them"));
        }
        return true;
    }

    private void say(String text, String room) {
        (room == null ? session.say(text) : session.say(room, text)).whenComplete((id, failure) -> {
            if (failure != null) {
                out.accept(format.notice("not sent: " + Sanitizer.clean(failure.getMessage())));
            }
        });
    }

    private String current() {
        return session.currentRoom().orElseThrow(() -> new IllegalArgumentException("you are in no room"));
    }

    private static int historyCount(String arg) {
        if (arg == null) {
            return DEFAULT_HISTORY;
        }
        try {
            int count = Integer.parseInt(arg);
            if (count >= 1 && count <= MAX_HISTORY) {
                return count;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other count out of range
        }
        throw new IllegalArgumentException("usage: /history [count], a count from 1 to " + MAX_HISTORY);
    }

    /** Refuses words after what {@code usage} takes, rather than dropping them unnoticed. */
    private static void nothingMore(String extra, String usage) {
        if (extra != null) {
            throw new IllegalArgumentException("usage: " + usage + " (\"" + Sanitizer.clean(extra) + "\" is too much)");
        }
    }

    private static String required(String value, String usage) {
        if (value == null) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return value;
    }

    private <T> T answer(CompletableFuture<T> future) {
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }
}
