package org.nettychat.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nettychat.client.ChatSession;

/**
 * Non-interactive use: says every non-empty input line in one room and, at the end of input, waits until the server
 * has acknowledged all of them. Received messages are printed by the session's listener meanwhile.
 */
final class ScriptedMode {

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
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    acks.add(say(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return awaitAll(acks);
    }

    /** Sends {@code text} once; returns the exit code. */
    int sendOne(String text) {
        return awaitAll(List.of(say(text)));
    }

    private CompletableFuture<Long> say(String text) {
        return session.say(room, text).whenComplete((id, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                err.println("not sent: " + cause.getMessage());
            }
        });
    }

    private int awaitAll(List<CompletableFuture<Long>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return ExitCode.OK;
        } catch (ExecutionException e) {
            return ExitCode.NOT_SENT;
        } catch (TimeoutException e) {
            err.println("not all messages were acknowledged within " + ackTimeout.toSeconds() + " s");
            return ExitCode.NOT_SENT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.NOT_SENT;
        }
    }
}
