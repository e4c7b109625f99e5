package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Bye;

/** Runs the server as operators do, in its own JVM, and stops it with a signal. */
class MainIT {

    private static final Pattern SERVING = Pattern.compile("serving on 127\\.0\\.0\\.1:(\\d+)");

    private static Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void main_whenOptionInvalid_thenExplainsAndExitsWith2() throws Exception {
        Process process = launch("--port", "seventy");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("port: \"seventy\" (expected: a whole number)");
    }

    @Test
    void main_whenSigterm_thenSaysByeAndExits0() throws Exception {
        Process process = launch("--port", "0", "--admin-port", "-1");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            int port = awaitPort(lines);
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

    private static int awaitPort(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                Matcher matcher = SERVING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        }
        throw new AssertionError("server did not report its port; output so far: " + lines);
    }
}
