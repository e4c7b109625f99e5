package org.nettychat.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nettychat.client.ChatSession;

/**
 * Non-interactive use: says every non-empty input line in one room, in order, and waits until the server has
 * acknowledged all of them. The session paces the lines to the server's rate limit; at most {@link #IN_FLIGHT} wait
 * for their acknowledgement at a time, so input of any length streams through in bounded memory. Received messages
 * are printed by the session's listener meanwhile.
 */
final class ScriptedMode {

    /** Lines said and not yet acknowledged before the next line is read. */
    static final int IN_FLIGHT = 256;

    private final ChatSession session;
    private final String room;
    private final PrintStream err;
    private final Duration ackTimeout;

    ScriptedMode(ChatSession session, String room, PrintStream err, Duration ackTimeout) {
        this.session = session;
        this.room = room;
        this.err = err;
        this.ackTimeout = ackTimeout;
    }

    /** Sends the lines of {@code in}; returns the exit code. */
    int run(InputStream in) {
        Deque<CompletableFuture<Long>> acks = new ArrayDeque<>();
        boolean allSent = true;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (acks.size() == IN_FLIGHT) {
                    Outcome oldest = await(acks.poll());
                    if (oldest == Outcome.TIMED_OUT) {
                        return ExitCode.NOT_SENT;
                    }
                    allSent &= oldest == Outcome.ACKNOWLEDGED;
                }
                acks.add(say(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return awaitAll(acks, allSent);
    }

    /** Sends {@code text} once; returns the exit code. */
    int sendOne(String text) {
        return awaitAll(new ArrayDeque<>(List.of(say(text))), true);
    }

    private CompletableFuture<Long> say(String text) {
        return session.say(room, text).whenComplete((id, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                err.println("not sent: " + Sanitizer.clean(cause.getMessage()));
            }
        });
    }

    /** Waits for every ack in turn; returns the exit code. */
    private int awaitAll(Deque<CompletableFuture<Long>> acks, boolean allSentBefore) {
        boolean allSent = allSentBefore;
        while (!acks.isEmpty()) {
            Outcome next = await(acks.poll());
            if (next == Outcome.TIMED_OUT) {
                return ExitCode.NOT_SENT;
            }
            allSent &= next == Outcome.ACKNOWLEDGED;
        }
        return allSent ? ExitCode.OK : ExitCode.NOT_SENT;
    }

    /** What became of one line. */
    private enum Outcome {
        ACKNOWLEDGED,
        /** Refused or failed; {@link #say} has printed why. */
        FAILED,
        /** No answer in time: the server or the connection is stuck, so the rest is not waited for. */
        TIMED_OUT
    }

    /**
     * Waits up to the ack timeout for {@code ack}. Lines are acknowledged in order, so that is time without progress.
     */
    private Outcome await(CompletableFuture<Long> ack) {
        try {
            ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.ACKNOWLEDGED;
        } catch (ExecutionException e) {
            return Outcome.FAILED;
        } catch (TimeoutException e) {
            err.println("no acknowledgement from the server within " + ackTimeout.toSeconds()
                    + " s; lines after the last acknowledged one may not have been sent");
            return Outcome.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.TIMED_OUT;
        }
    }
}
