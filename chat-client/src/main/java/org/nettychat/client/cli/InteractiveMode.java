package org.nettychat.client.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.nettychat.client.ChatSession;

/**
 * Use at a terminal: reads commands and lines with JLine on the calling (main) thread, with the current room in the
 * prompt. Incoming lines are printed by the listener through {@link LineReader#printAbove(String)}, which redraws the
 * input line below them, so what the user is typing is never garbled.
 */
final class InteractiveMode {

    private final LineReader reader;
    private final LineFormat format;
    private final Duration timeout;
    private final String requestedRoom;
    private final CompletableFuture<String> ended;
    private boolean inRoomOnce;

    /**
     * {@code requestedRoom} is shown in the prompt until the server's join notice names the current room; {@code ended}
     * completes when the session ends by itself, which ends the prompt too.
     */
    InteractiveMode(LineReader reader, LineFormat format, Duration timeout, String requestedRoom,
            CompletableFuture<String> ended) {
        this.reader = reader;
        this.format = format;
        this.timeout = timeout;
        this.requestedRoom = requestedRoom;
        this.ended = ended;
    }

    /**
     * Reads and carries out lines until {@code /quit}, end of input or Ctrl-C, or until the session ends by itself;
     * returns the exit code: {@link ExitCode#OK}, or {@link ExitCode#CANNOT_CONNECT} when the session ended.
     */
    int run(ChatSession session) {
        Commands commands = new Commands(session, format, reader::printAbove, timeout);
        reader.printAbove(format.notice("logged in as " + session.name() + "; /help lists the commands"));
        // The line being typed is abandoned as Ctrl-C would: nothing can be sent any more.
        ended.thenRun(() -> reader.getTerminal().raise(Terminal.Signal.INT));
        while (!ended.isDone()) {
            String shownRoom = session.currentRoom().orElse(null);
            String line;
            try {
                line = reader.readLine(prompt(session, shownRoom));
            } catch (UserInterruptException | EndOfFileException e) {
                break;
            }
            if (!ended.isDone() && !commands.execute(line, shownRoom)) {
                return ExitCode.OK;
            }
        }
        return ended.isDone() ? ExitCode.CANNOT_CONNECT : ExitCode.OK;
    }

    private String prompt(ChatSession session, String shownRoom) {
        inRoomOnce |= shownRoom != null;
        String room = shownRoom != null ? Sanitizer.clean(shownRoom) : inRoomOnce ? "-" : requestedRoom;
        return "[" + room + "]" + (session.isConnected() ? "" : " (reconnecting)") + "> ";
    }
}
