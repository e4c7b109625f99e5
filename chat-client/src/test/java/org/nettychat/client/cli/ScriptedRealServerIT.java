package org.nettychat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nettychat.client.ChatClient;
import org.nettychat.client.ChatListener;
import org.nettychat.client.ChatSession;
import org.nettychat.protocol.ChatLine;
import org.nettychat.server.ChatServer;
import org.nettychat.server.ServerOptions;

/** The command-line client fed from a pipe, against the real server and its rate limit. */
@Timeout(120)
class ScriptedRealServerIT {

    private ChatServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void pipedLines_beyondTheServersBurst_thenAllSaidInOrderAndExitZero() throws Exception {
        server = new ChatServer(ServerOptions.parse(List.of("--port", "0", "--admin-port", "-1", "--rate", "10",
                "--burst", "40"), Map.of())).start();
        List<String> heard = new CopyOnWriteArrayList<>();
        ChatSession bob = ChatClient.builder().host("127.0.0.1").port(server.port()).name("bob")
                .listener(new ChatListener() {
                    @Override
                    public void onMessage(ChatLine line) {
                        heard.add(line.text());
                    }
                }).build().connect().orTimeout(30, TimeUnit.SECONDS).join();
        String input = IntStream.range(0, 60).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"--host", "127.0.0.1", "--port", "" + server.port(), "--name", "alice"},
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), false);

        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("not sent");
        assertThat(code).isZero();
        List<String> lines = IntStream.range(0, 60).mapToObj(i -> "line " + i).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() >= lines.size());
        assertThat(heard).containsExactlyElementsOf(lines);
        bob.close();
    }
}
