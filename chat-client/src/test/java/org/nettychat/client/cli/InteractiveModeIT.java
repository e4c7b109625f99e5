package org.nettychat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nettychat.client.ChatClient;
import org.nettychat.client.ChatSession;
import org.nettychat.client.ReconnectPolicy;
import org.nettychat.client.testserver.FakeChatServer;

/** The interactive mode on a dumb terminal fed through a pipe, against the fake server. */
@Timeout(120)
class InteractiveModeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ReconnectPolicy FAST =
            new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 0.5, Integer.MAX_VALUE);

    private final FakeChatServer server = FakeChatServer.start();
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Terminal terminal;
    private ChatSession session;

    @AfterEach
    void close() throws IOException {
        keyboard.close();
        if (session != null) {
            session.close();
        }
        if (terminal != null) {
            terminal.close();
        }
        server.close();
    }

    /** Logs alice in on a dumb terminal and starts the prompt; the future completes with its exit code. */
    private CompletableFuture<Integer> prompting() {
        terminal = dumbTerminal();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        LineFormat format = new LineFormat(LineFormat.Style.PLAIN);
        PrintingListener listener = new PrintingListener(format, reader::printAbove, reader::printAbove,
                PrintingListener.Detail.EVERYTHING);
        session = ChatClient.builder().host("127.0.0.1").port(server.port()).name("alice").reconnectPolicy(FAST)
                .listener(listener).build().connect().orTimeout(30, TimeUnit.SECONDS).join();
        InteractiveMode mode = new InteractiveMode(reader, format, WAIT, "lobby", listener);
        return CompletableFuture.supplyAsync(() -> mode.run(session));
    }

    private Terminal dumbTerminal() {
        try {
            return TerminalBuilder.builder().streams(new PipedInputStream(keyboard), screen)
                    .dumb(true).type(Terminal.TYPE_DUMB).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sessionEndingForGood_endsThePromptWithExitCodeThree() throws Exception {
        CompletableFuture<Integer> exit = prompting();
        type("hello");
        await().atMost(WAIT).until(() -> server.received().stream().anyMatch(m -> m.toString().contains("hello")));

        server.refuseLogins(true);
        server.dropConnections();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.CANNOT_CONNECT);
        assertThat(screen()).contains("session ended");
    }

    @Test
    void connectionLostAndBack_thePromptSaysSoWithoutAKeyPressed() throws Exception {
        prompting();
        type("hello");
        await().atMost(WAIT).until(() -> server.received().stream().anyMatch(m -> m.toString().contains("hello")));
        await().atMost(WAIT).until(() -> screen().endsWith("[lobby]> "));

        server.stop();
        // A dumb terminal cannot move the cursor back: the redraw appends what changed.
        await().atMost(WAIT).until(() -> screen().endsWith(" (reconnecting)> "));

        server.restart();
        await().atMost(WAIT).until(() -> screen().contains("reconnected") && screen().endsWith("[lobby]> "));
    }
}
