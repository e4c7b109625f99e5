package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.Say;
import org.nettychat.server.admin.AdminInitializer;

class OperationsIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private RunningServer running;
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start();
        server = running.server();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminConnection_silentForTheIdleTimeout_thenClosedByTheServer() throws Exception {
        running.close();
        running = RunningServer.start("--idle-timeout", "1s");
        server = running.server();
        try (java.net.Socket idle = new java.net.Socket("127.0.0.1", server.adminPort())) {
            idle.setSoTimeout(30_000);
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void adminPort_whenOneAddressHoldsItsMaximumOfConnections_thenOneMoreIsAnswered503AndClosed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < AdminInitializer.MAX_CONNECTIONS_PER_ADDRESS; i++) {
                Socket connection = new Socket("127.0.0.1", server.adminPort());
                held.add(connection);
                assertThat(rawGetHealth(connection)).startsWith("HTTP/1.1 200");
            }

            try (Socket oneMore = new Socket("127.0.0.1", server.adminPort())) {
                oneMore.setSoTimeout(30_000);
                String answer = new String(oneMore.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).startsWith("HTTP/1.1 503")
                        .endsWith("admin port: too many connections from 127.0.0.1 (limit 16)\n");
            }

            held.remove(0).close();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin("GET", "/health").statusCode() == 200);
        } finally {
            for (Socket connection : held) {
                connection.close();
            }
        }
    }

    /** Sends GET /health on a kept-alive connection and reads the answer's head and its body of "ok\n". */
    private static String rawGetHealth(Socket connection) throws Exception {
        connection.setSoTimeout(30_000);
        connection.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder answer = new StringBuilder();
        InputStream in = connection.getInputStream();
        while (!answer.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            answer.append((char) next);
        }
        in.readNBytes(3);
        return answer.toString();
    }

    @Test
    void health_whileServing_then200() throws Exception {
        HttpResponse<String> response = admin("GET", "/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
        assertThat(admin("GET", "/nope").statusCode()).isEqualTo(404);
        assertThat(admin("POST", "/health").statusCode()).isEqualTo(405);
    }

    @Test
    void metrics_whenTrafficFlows_thenCountersChange() throws Exception {
        String before = admin("GET", "/metrics").body();
        assertThat(before).contains("chat_connections 0", "chat_chat_messages_total 0", "# TYPE chat_bytes_in_total counter");
        try (TestClient alice = TestClient.login(server.address(), "alice")) {
            alice.send(new Say("lobby", "hello", "r"));
            alice.awaitMessage(Ack.class);
            alice.sendFrame("", "{\"type\":\"nonsense\"}");
            alice.expectError("unknown-type");
            HttpResponse<String> after = admin("GET", "/metrics");
            assertThat(after.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(after.body()).contains("chat_connections 1", "chat_users 1", "chat_rooms 1",
                    "chat_chat_messages_total 1", "chat_logins_total 1",
                    "chat_errors_total{code=\"unknown-type\"} 1");
            assertThat(after.body()).doesNotContain("chat_bytes_in_total 0", "chat_messages_out_total 0");
        }
    }

    @Test
    void stop_thenClientsGetByeShutdownAndAreClosed() throws Exception {
        TestClient alice = running.login("alice");
        TestClient bob = running.login("bob");
        server.stop();
        assertThat(alice.awaitMessage(Bye.class).reason()).isEqualTo(Bye.SHUTDOWN);
        assertThat(bob.awaitMessage(Bye.class).reason()).isEqualTo(Bye.SHUTDOWN);
        assertThat(alice.awaitClosed()).isTrue();
        assertThat(bob.awaitClosed()).isTrue();
        server.stop();
    }

    @Test
    void drain_thenClientsGetByeDrainAndHealthTurns503() throws Exception {
        TestClient alice = running.login("alice");
        assertThat(admin("POST", "/drain").statusCode()).isEqualTo(202);
        assertThat(alice.awaitMessage(Bye.class)).isEqualTo(new Bye(Bye.DRAIN));
        assertThat(alice.awaitClosed()).isTrue();
        assertThat(admin("GET", "/health").statusCode()).isEqualTo(503);
        TestClient late = running.connect();
        assertThat(late.awaitMessage(Bye.class)).isEqualTo(new Bye(Bye.DRAIN));
        assertThat(late.awaitClosed()).isTrue();
    }
}
