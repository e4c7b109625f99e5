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
    /** False once a line was refused or failed; {@link #say} has printed why. */
    private boolean allAcknowledged = true;

    ScriptedMode(ChatSession session, String room, PrintStream err, Duration ackTimeout) {
        this.session = session;
        this.room = room;
        this.err = err;
        this.ackTimeout = ackTimeout;
    }

    /** Sends the lines of {@code in}; returns the exit code. */
    int run(InputStream in) {
        Deque<CompletableFuture<Long>> acks = new ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (acks.size() == IN_FLIGHT && !await(acks.poll())) {
                    return ExitCode.NOT_SENT;
                }
                acks.add(say(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return awaitAll(acks);
    }

    /** Sends {@code text} once; returns the exit code. */
    int sendOne(String text) {
        return awaitAll(new ArrayDeque<>(List.of(say(text))));
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
    private int awaitAll(Deque<CompletableFuture<Long>> acks) {
        while (!acks.isEmpty()) {
            if (!await(acks.poll())) {
                return ExitCode.NOT_SENT;
            }
        }
        return allAcknowledged ? ExitCode.OK : ExitCode.NOT_SENT;
    }

    /**
     * Waits up to the ack timeout for {@code ack}, noting a refusal; false when none came in time (the server or the
     * connection is stuck, so the rest is not waited for). Lines are acknowledged in order, so that is time without
     * progress.
     */
    private boolean await(CompletableFuture<Long> ack) {
        try {
            ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            allAcknowledged = false;
        } catch (TimeoutException e) {
            err.println("no acknowledgement from the server within " + ackTimeout.toSeconds()
                    + " s; lines after the last acknowledged one may not have been sent");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
