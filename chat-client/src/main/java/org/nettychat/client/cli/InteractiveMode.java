package org.nettychat.client.cli;

import java.time.Duration;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
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

    InteractiveMode(LineReader reader, LineFormat format, Duration timeout) {
        this.reader = reader;
        this.format = format;
        this.timeout = timeout;
    }

    /** Reads and carries out lines until {@code /quit}, end of input or Ctrl-C; returns the exit code. */
    int run(ChatSession session) {
        Commands commands = new Commands(session, format, reader::printAbove, timeout);
        reader.printAbove(format.notice("logged in as " + session.name() + "; /help lists the commands"));
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt(session));
            } catch (UserInterruptException | EndOfFileException e) {
                return ExitCode.OK;
            }
            if (!commands.execute(line)) {
                return ExitCode.OK;
            }
        }
    }

    private static String prompt(ChatSession session) {
        String room = session.currentRoom().map(Sanitizer::clean).orElse("-");
        return "[" + room + "]" + (session.isConnected() ? "" : " (reconnecting)") + "> ";
    }
}
