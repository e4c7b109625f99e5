package org.nettychat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nettychat.server.ChatServer;
import org.nettychat.server.ServerOptions;

/** Each workload, small, against the real server on an ephemeral port: it runs, loses nothing, and records its run. */
@Timeout(180)
class WorkloadsIT {

    private static ChatServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = new ChatServer(ServerOptions.parse(List.of("--host", "127.0.0.1", "--port", "0", "--admin-port", "-1",
                "--rate", "1000000", "--burst", "1000000"), Map.of())).start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void fanoutLatency_onEachTransport_thenEveryMeasuredMessageReachesEveryMemberAndTheLeadInIsNotCounted(
            String transport) throws IOException {
        JsonNode run = run("fanout-latency", "--transport", transport, "--subscribers", "20", "--publishers", "2",
                "--rate", "50", "--seconds", "1", "--warmup-seconds", "0.5");

        assertThat(run.get("generator_transport").asText()).isEqualTo(transport);
        JsonNode result = run.get("result");
        assertThat(result.get("sent").asLong()).isEqualTo(50);
        assertThat(result.get("received").asLong()).isEqualTo(50 * 20);
        assertThat(result.get("lost").asLong()).isZero();
        assertThat(result.get("server_cpu_s").asDouble()).isPositive();
    }

    @Test
    void fanoutMax_thenEachStepIsJudgedAtItsOwnRate() throws IOException {
        JsonNode run = run("fanout-max", "--subscribers", "10", "--publishers", "2", "--start", "200",
                "--factor", "2", "--max-steps", "2", "--step-seconds", "1", "--warmup-seconds", "0.5",
                // Judged on loss alone: a stall of this shared machine must not end the run after one step.
                "--p99-limit-ms", "60000", "--min-send-ratio", "0");

        List<Long> sent = new ArrayList<>();
        for (JsonNode step : run.get("steps")) {
            sent.add(step.get("sent").asLong());
            assertThat(step.get("lost").asLong()).isZero();
            assertThat(step.get("received").asLong()).isEqualTo(step.get("sent").asLong() * 10);
        }
        assertThat(sent).containsExactly(20L, 40L);
        assertThat(run.get("best_deliveries_per_s").asLong()).isPositive();
    }

    @Test
    void rooms_thenEveryMessageReachesItsOwnRoomOnly() throws IOException {
        JsonNode run = run("rooms", "--rooms", "10", "--room-size", "3", "--rate-per-user", "2", "--seconds", "1",
                "--warmup-seconds", "0.5");

        JsonNode result = run.get("result");
        assertThat(result.get("sent").asLong()).isEqualTo(60);
        assertThat(result.get("received").asLong()).isEqualTo(60 * 3);
        assertThat(result.get("lost").asLong()).isZero();
    }

    /** Runs a workload against the test server and returns the JSON line it appended. */
    private JsonNode run(String... workload) throws IOException {
        Path results = dir.resolve("results.jsonl");
        List<String> args = new ArrayList<>(List.of(workload));
        args.addAll(List.of("--port", String.valueOf(server.port()), "--results", results.toString(),
                "--server-pid", String.valueOf(ProcessHandle.current().pid())));
        int exit = BenchMain.commandLine().execute(args.toArray(new String[0]));

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(1);
        return new ObjectMapper().readTree(lines.get(0));
    }
}
