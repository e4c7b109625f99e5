package org.nettychat.client.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.nettychat.client.ChatSession;

/**
 * Use at a terminal: reads commands and lines with JLine on the calling (main) thread, with the current room in the
 * prompt. Incoming lines are printed by the listener through {@link LineReader#printAbove(String)}, which redraws the
 * input line below them, so what the user is typing is never garbled. When the connection is lost or back, the prompt
 * of the line being typed says so at once.
 */
final class InteractiveMode {

    /** Interrupts sent at most after the session ended, {@link #INTERRUPT_MILLIS} apart. */
    private static final int INTERRUPTS = 100;
    private static final long INTERRUPT_MILLIS = 100;
    /** The widget that redraws the prompt with {@link #nextPrompt}; run under the reader's lock. */
    private static final String REFRESH_PROMPT = "chat-refresh-prompt";

    private final LineReader reader;
    private final LineFormat format;
    private final Duration timeout;
    private final String requestedRoom;
    private final PrintingListener listener;
    private final CompletableFuture<String> ended;
    private boolean inRoomOnce;
    /** The room part of the prompt being shown ("[dev]"), for a redraw from the listener's thread. */
    private volatile String shownRoomLabel;
    private volatile String nextPrompt;

    /**
     * {@code requestedRoom} is shown in the prompt until the server's join notice names the current room; the end of
     * {@code listener}'s session ends the prompt too.
     */
    InteractiveMode(LineReader reader, LineFormat format, Duration timeout, String requestedRoom,
            PrintingListener listener) {
        this.reader = reader;
        this.format = format;
        this.timeout = timeout;
        this.requestedRoom = requestedRoom;
        this.listener = listener;
        this.ended = listener.ended();
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
        reader.getWidgets().put(REFRESH_PROMPT, this::refreshPrompt);
        // Run as each read starts: a change of connection that came before it could be drawn is drawn there.
        reader.getWidgets().put(LineReader.CALLBACK_INIT, () -> {
            setPrompt(prompt(shownRoomLabel, session.isConnected()));
            return true;
        });
        listener.showConnectionWith(this::showConnection);
        try {
            return readAndCarryOut(session, commands);
        } finally {
            returned.set(true);
            listener.showConnectionWith(connected -> { });
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
        shownRoomLabel = "[" + (shownRoom != null ? Sanitizer.clean(shownRoom) : inRoomOnce ? "-" : requestedRoom) + "]";
        return prompt(shownRoomLabel, session.isConnected());
    }

    private static String prompt(String roomLabel, boolean connected) {
        return roomLabel + (connected ? "" : " (reconnecting)") + "> ";
    }

    /** From the listener's thread: redraws the prompt of the line being read, if one is. */
    private void showConnection(boolean connected) {
        String roomLabel = shownRoomLabel;
        if (roomLabel == null || !(reader instanceof LineReaderImpl)) {
            return;
        }
        nextPrompt = prompt(roomLabel, connected);
        try {
            reader.callWidget(REFRESH_PROMPT);
        } catch (IllegalStateException e) {
            // No line is being read: the next prompt shows the connection as it is then.
        }
    }

    private boolean refreshPrompt() {
        setPrompt(nextPrompt);
        // REDISPLAY compares with what is on screen and erases what the new prompt no longer covers.
        reader.callWidget(LineReader.REDISPLAY);
        return true;
    }

    private void setPrompt(String prompt) {
        if (reader instanceof LineReaderImpl impl) {
            impl.setPrompt(prompt);
        }
    }
}
