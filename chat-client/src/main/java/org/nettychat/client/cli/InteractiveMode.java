package org.nettychat.client.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** Interrupts sent at most after the session ended, {@link #INTERRUPT_MILLIS} apart. */
    private static final int INTERRUPTS = 100;
    private static final long INTERRUPT_MILLIS = 100;

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
        session.motd().ifPresent(motd -> reader.printAbove(format.notice(Sanitizer.clean(motd))));
        // The line being typed is abandoned as Ctrl-C would: nothing can be sent any more.
        AtomicBoolean returned = new AtomicBoolean();
        ended.thenRun(() -> interruptUntil(returned, INTERRUPTS));
        try {
            return readAndCarryOut(session, commands);
        } finally {
            returned.set(true);
        }
    }

    private int readAndCarryOut(ChatSession session, Commands commands) {
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

    /**
     * Interrupts the line being read, again every {@link #INTERRUPT_MILLIS} until {@link #run} has returned: the end
     * may come just before a read installs its Ctrl-C handler, when one interrupt would go unheard.
     */
    private void interruptUntil(AtomicBoolean returned, int left) {
        if (returned.get() || left == 0) {
            return;
        }
        reader.getTerminal().raise(Terminal.Signal.INT);
        CompletableFuture.delayedExecutor(INTERRUPT_MILLIS, TimeUnit.MILLISECONDS)
                .execute(() -> interruptUntil(returned, left - 1));
    }

    private String prompt(ChatSession session, String shownRoom) {
        inRoomOnce |= shownRoom != null;
        String room = shownRoom != null ? Sanitizer.clean(shownRoom) : inRoomOnce ? "-" : requestedRoom;
        return "[" + room + "]" + (session.isConnected() ? "" : " (reconnecting)") + "> ";
    }
}
