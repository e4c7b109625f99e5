package org.nettychat.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nettychat.client.ChatSession;

/**
 * Non-interactive use: says every non-empty input line in one room, in order, and waits until the server has
 * acknowledged all of them. The session paces the lines to the server's rate limit; at most {@link #IN_FLIGHT} wait
 * for their acknowledgement at a time, so input of any length streams through in bounded memory. Received messages
 * are printed by the session's listener meanwhile. Input is read on a thread of its own, so that a session that ends
 * for good (its login refused on a reconnect) ends the run even while the input stays open ({@code tail -f}).
 */
final class ScriptedMode {

    /** Lines said and not yet acknowledged before the next line is read. */
    static final int IN_FLIGHT = 256;

    /** What the reading thread hands over (a line, the end of input, a read that failed), or the session's end. */
    private record Input(Kind kind, String line) {
        enum Kind { LINE, END_OF_INPUT, READ_FAILED, SESSION_ENDED }

        Input(Kind kind) {
            this(kind, null);
        }
    }

    private final ChatSession session;
    private final String room;
    private final PrintStream err;
    private final Duration ackTimeout;
    private final CompletableFuture<?> ended;
    /** False once a line was refused or failed; {@link #say} has printed why. */
    private boolean allAcknowledged = true;

    /** {@code ended} completes when the session ends for good. */
    ScriptedMode(ChatSession session, String room, PrintStream err, Duration ackTimeout, CompletableFuture<?> ended) {
        this.session = session;
        this.room = room;
        this.err = err;
        this.ackTimeout = ackTimeout;
        this.ended = ended;
    }

    /** Sends the lines of {@code in}; returns the exit code. */
    int run(InputStream in) {
        // One line read ahead at most: the reader waits for the room the bounded in-flight window leaves.
        BlockingQueue<Input> inputs = new LinkedBlockingQueue<>();
        Semaphore readAhead = new Semaphore(1);
        Thread reading = new Thread(() -> read(in, inputs, readAhead), "chat-client-input");
        reading.setDaemon(true);
        reading.start();
        ended.whenComplete((reason, failure) -> inputs.add(new Input(Input.Kind.SESSION_ENDED)));
        Deque<CompletableFuture<Long>> acks = new ArrayDeque<>();
        try {
            for (Input next = inputs.take(); ; next = inputs.take()) {
                switch (next.kind()) {
                    case SESSION_ENDED:
                        return ExitCode.CANNOT_CONNECT;
                    case END_OF_INPUT:
                        return awaitAll(acks);
                    case READ_FAILED:
                        awaitAll(acks);
                        return ExitCode.NOT_SENT;
                    default:
                        break;
                }
                readAhead.release();
                if (acks.size() == IN_FLIGHT && !await(acks.poll())) {
                    return ExitCode.NOT_SENT;
                }
                acks.add(say(next.line()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.NOT_SENT;
        }
    }

    /** Hands over the non-blank lines of {@code in}, then the end of input (or that reading failed). */
    private void read(InputStream in, BlockingQueue<Input> inputs, Semaphore readAhead) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    readAhead.acquire();
                    inputs.add(new Input(Input.Kind.LINE, line));
                }
            }
            inputs.add(new Input(Input.Kind.END_OF_INPUT));
        } catch (IOException e) {
            err.println("cannot read the input: " + e.getMessage());
            inputs.add(new Input(Input.Kind.READ_FAILED));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inputs.add(new Input(Input.Kind.READ_FAILED));
        }
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
        // Set before the end fails the acks still awaited, so this is not a race with the listener's notice.
        return session.isEnded() ? ExitCode.CANNOT_CONNECT : allAcknowledged ? ExitCode.OK : ExitCode.NOT_SENT;
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
