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
            "/kick <user>          remove a user from the current room (its longest member only)",
            "/who [room]           list the members of a room",
            "/rooms                list the rooms that have members",
            "/history [count]      show the latest messages of the current room (default 20)",
            "/quit                 log out and exit",
            "/help                 show this help",
            "any other line is said in the current room; start it with // to say a line beginning with /");

    private static final int DEFAULT_HISTORY = 20;

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
     * Carries out one input line typed at a prompt that showed {@code shownRoom} (null: none yet, so the current room);
     * false when the user asked to quit. A plain line goes to that room, even if the current room changed while it was
     * typed (a kick): refused there rather than said where the user did not mean it.
     */
    boolean execute(String input, String shownRoom) {
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
                return false;
            }
            case "/join" -> answer(session.join(required(arg, "/join <room>")));
            case "/leave" -> answer(session.leave(arg != null ? arg : current()));
            case "/msg" -> {
                answer(session.dm(required(arg, "/msg <user> <text>"), required(rest, "/msg <user> <text>")));
                out.accept(format.notice("-> " + arg + ": " + rest));
            }
            case "/kick" -> answer(session.kick(current(), required(arg, "/kick <user>")));
            case "/who" -> {
                String room = arg != null ? arg : current();
                List<String> users = answer(session.who(room));
                out.accept(format.notice(Sanitizer.clean(room) + ": "
                        + users.stream().map(format::user).collect(Collectors.joining(", "))));
            }
            case "/rooms" -> out.accept(format.notice(answer(session.rooms()).stream()
                    .map(room -> Sanitizer.clean(room.name()) + " (" + room.members() + ")")
                    .collect(Collectors.joining(", "))));
            case "/history" -> {
                int count = arg == null ? DEFAULT_HISTORY : Integer.parseInt(arg);
                List<ChatLine> lines = answer(session.history(current(), count));
                lines.forEach(line -> out.accept(format.message(line)));
            }
            case "/help" -> out.accept(format.notice(HELP));
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
