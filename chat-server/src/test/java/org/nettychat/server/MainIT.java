package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Bye;

/** Runs the server as operators do, in its own JVM, and stops it with a signal. */
class MainIT {

    /** What a server process printed and how it exited. */
    private record Finished(int exitCode, String output) {
    }

    /** Runs the server with {@code args} until it exits by itself (at most 60 s). */
    private static Finished runToExit(List<String> args) throws Exception {
        Process process = MainProcess.launch(args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Finished(process.exitValue(), output);
    }

    @Test
    void main_whenOptionInvalid_thenExplainsAndExitsWith2() throws Exception {
        Finished run = runToExit(List.of("--port", "seventy"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("port: \"seventy\" (expected: a whole number)");
    }

    @Test
    void main_whenSigterm_thenSaysByeAndExits0() throws Exception {
        Process process = MainProcess.launch(List.of("--port", "0", "--admin-port", "-1"));
        try {
            int port = MainProcess.awaitPort(process);
            try (TestClient alice = TestClient.login(new InetSocketAddress("127.0.0.1", port), "alice")) {
                process.destroy();
                assertThat(alice.awaitMessage(Bye.class).reason()).isEqualTo(Bye.SHUTDOWN);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isEqualTo(0);
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void main_whenRedisUnreachable_thenExplainsAndExitsWith1() throws Exception {
        Finished run = runToExit(List.of("--port", "0", "--admin-port", "-1",
                "--redis", "redis://127.0.0.1:1"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("cannot start");
    }

    @Test
    void main_whenPortInUse_thenExplainsInOneLineAndExitsWith1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Finished run = runToExit(List.of("--port", String.valueOf(taken.getLocalPort()),
                    "--admin-port", "-1"));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("chat-server: cannot start:", "Address already in use")
                    .doesNotContain("Exception in thread");
        }
    }

    @Test
    void main_whenHostCannotBeResolved_thenSaysSoAndExitsWith2() throws Exception {
        Finished run = runToExit(List.of("--host", "no-such-host.invalid", "--port", "0",
                "--admin-port", "-1"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("host: \"no-such-host.invalid\" (cannot be resolved)");
    }

    @Test
    void main_whenRedisAcceptsButNeverAnswers_thenGivesUpWithinSecondsAndExitsWith1() throws Exception {
        // A listening socket nobody accepts from: the kernel completes the connection, then nothing answers.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            Finished run = runToExit(List.of("--port", "0", "--admin-port", "-1",
                    "--redis", "redis://127.0.0.1:" + silent.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("connecting to Redis at 127.0.0.1:" + silent.getLocalPort(),
                    "cannot start");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(45));
        }
    }

    @Test
    void main_whenUsersFileMalformed_thenNamesTheLineAndExitsWith2() throws Exception {
        java.nio.file.Path users = java.nio.file.Files.createTempFile("users", ".txt");
        java.nio.file.Files.writeString(users, "alice:plaintext-password\n");
        Finished run = runToExit(List.of("--port", "0", "--admin-port", "-1",
                "--users-file", users.toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("line 1", "expected pbkdf2-sha256:");
    }
}
