package org.nettychat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nettychat.client.ChatClient;
import org.nettychat.client.ChatSession;
import org.nettychat.client.testserver.FakeChatServer;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.Say;

@Timeout(120)
class MainIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private FakeChatServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<ChatSession> sessions = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = FakeChatServer.start();
    }

    @AfterEach
    void stopServer() {
        sessions.forEach(ChatSession::close);
        server.close();
    }

    private int run(InputStream in, Map<String, String> env, String... args) {
        return Main.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
    }

    private int run(String input, String... args) {
        return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), Map.of(), args);
    }

    private String[] connectArgs(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "" + server.port(),
                "--name", name));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Starts alice in scripted mode in room dev, reading from {@code stdin}, and has her say a first line. */
    private CompletableFuture<Integer> scriptedAfterAFirstLine(PipedOutputStream stdin) throws IOException {
        PipedInputStream in = new PipedInputStream(stdin);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> run(in, Map.of(), connectArgs("alice", "--room", "dev")));
        stdin.write("first\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        await().atMost(WAIT).until(() -> out().contains("[dev] alice: first"));
        return exit;
    }

    private void connectAs(String name) {
        sessions.add(ChatClient.builder().host("127.0.0.1").port(server.port()).name(name).build()
                .connect().orTimeout(30, TimeUnit.SECONDS).join());
    }

    @Test
    void scripted_whenLinesPiped_thenSaysEachInRoomAndPrintsMessagesAsLines() {
        int code = run("hello\n\nworld\n", connectArgs("alice", "--room", "dev"));

        assertThat(code).isEqualTo(0);
        assertThat(out().lines()).containsExactly("[dev] alice: hello", "[dev] alice: world");
        assertThat(server.received()).filteredOn(Say.class::isInstance).extracting(m -> ((Say) m).room())
                .containsExactly("dev", "dev");
    }

    @Test
    void scripted_whenOthersSpeakBeforeEndOfInput_thenTheirMessagesArePrinted() throws IOException {
        PipedOutputStream stdin = new PipedOutputStream();
        CompletableFuture<Integer> exit = scriptedAfterAFirstLine(stdin);

        server.post("dev", "bob", "hi alice");
        await().atMost(WAIT).until(() -> out().contains("[dev] bob: hi alice"));
        stdin.close();

        assertThat(exit.orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(0);
    }

    @Test
    void scripted_whenJson_thenPrintsOneJsonObjectPerMessage() throws IOException {
        int code = run("a \"quoted\" line\n", connectArgs("alice", "--json"));

        assertThat(code).isEqualTo(0);
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(lines.get(0));
        assertThat(json.get("type").asText()).isEqualTo("message");
        assertThat(json.get("room").asText()).isEqualTo("lobby");
        assertThat(json.get("from").asText()).isEqualTo("alice");
        assertThat(json.get("text").asText()).isEqualTo("a \"quoted\" line");
        assertThat(json.get("id").asLong()).isEqualTo(1);
    }

    @Test
    void send_whenGiven_thenSaysOneMessageAndExits() {
        int code = run("ignored\n", connectArgs("alice", "--room", "Dev", "--send", "one shot"));

        assertThat(code).isEqualTo(0);
        assertThat(server.received()).filteredOn(Say.class::isInstance)
                .singleElement()
                .satisfies(m -> assertThat(((Say) m).text()).isEqualTo("one shot"))
                .satisfies(m -> assertThat(((Say) m).room()).isEqualTo("dev"));
    }

    @Test
    void env_whenVariablesSet_thenUsedAsDefaults() {
        Map<String, String> env = Map.of("CHAT_HOST", "127.0.0.1", "CHAT_PORT", "" + server.port(),
                "CHAT_NAME", "carol", "CHAT_ROOM", "ops");

        int code = run(new ByteArrayInputStream(new byte[0]), env, "--send", "from env");

        assertThat(code).isEqualTo(0);
        assertThat(server.received()).contains(new Hello("carol", null, Map.of("ops", 0L), null));
    }

    @Test
    void exitCode_whenOptionUnknown_thenUsage() {
        assertThat(run("", "--bogus")).isEqualTo(2);
        assertThat(err()).contains("--bogus");
    }

    @Test
    void exitCode_whenNameMissingOrInvalid_thenUsage() {
        assertThat(run("", "--port", "" + server.port())).isEqualTo(2);
        assertThat(run("", connectArgs("no spaces allowed"))).isEqualTo(2);
        assertThat(run("", connectArgs("alice", "--room", "bad room"))).isEqualTo(2);
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void exitCode_whenNothingListens_thenCannotConnect() {
        String[] args = connectArgs("alice");
        server.stop();

        assertThat(run("hello\n", args)).isEqualTo(3);
        assertThat(err()).contains("Cannot connect");
    }

    @Test
    void exitCode_whenTheServerSaysByeBeforeLogin_thenCannotConnectAndSaysWhy() {
        server.byeInsteadOfWelcome("shutdown");

        assertThat(run("hello\n", connectArgs("alice"))).isEqualTo(3);
        assertThat(err()).contains("connection closed before login (server said bye: shutdown)");
    }

    @Test
    void scripted_whenTheSessionEndsForGoodWhileInputStaysOpen_thenExitsCannotConnect() throws IOException {
        PipedOutputStream stdin = new PipedOutputStream();
        CompletableFuture<Integer> exit = scriptedAfterAFirstLine(stdin);

        server.refuseLogins(true);
        server.dropConnections();

        assertThat(exit.orTimeout(60, TimeUnit.SECONDS).join()).isEqualTo(3);
        assertThat(err()).contains("auth-failed");
        stdin.close();
    }

    @Test
    void scripted_whenTheSessionEndsForGoodAfterTheInputWhileAcksAreAwaited_thenExitsCannotConnect() {
        server.holdSays(true);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("held\n", connectArgs("alice")));
        await().atMost(WAIT).until(() -> server.received().stream().anyMatch(Say.class::isInstance));

        server.refuseLogins(true);
        server.dropConnections();

        assertThat(exit.orTimeout(60, TimeUnit.SECONDS).join()).isEqualTo(3);
    }

    @Test
    void exitCode_whenNameTaken_thenRefused() {
        connectAs("alice");

        assertThat(run("hello\n", connectArgs("Alice"))).isEqualTo(4);
        assertThat(err()).contains("name-taken");
    }

    @Test
    void exitCode_whenServerRefusesALine_thenNotSent() {
        server.maxBodyBytes(100);

        assertThat(run("x".repeat(200) + "\n", connectArgs("alice"))).isEqualTo(1);
        assertThat(err()).contains("not sent").contains("too-large");
    }

    @Test
    void help_whenAsked_thenExplainsEveryOptionAndExitCode() {
        assertThat(run("", "--help")).isEqualTo(0);

        assertThat(out()).contains("--host", "--port", "--name", "--password", "--room", "--send", "--json",
                "--no-color", "--log-file", "--verbose", "CHAT_HOST", "CHAT_NAME", "Exit codes", "4");
    }

    @Test
    void scripted_whenHostileEscapesArrive_thenPrintedNeutralised() throws IOException {
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(stdin);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> run(in, Map.of(), connectArgs("alice")));
        await().atMost(WAIT).until(() -> server.members("lobby").contains("alice"));

        server.post("lobby", "mallory", "\u001b]0;pwned\u0007\u001b[2J\u001b[1;1Hfake\n[lobby] admin: \u202eevil");
        await().atMost(WAIT).until(() -> out().contains("mallory"));
        stdin.close();

        assertThat(exit.orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(0);
        assertThat(out().lines()).containsExactly("[lobby] mallory: fake^J[lobby] admin: <U+202E>evil");
    }
}
