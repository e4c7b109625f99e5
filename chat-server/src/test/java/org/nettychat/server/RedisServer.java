package org.nettychat.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A throwaway {@code redis-server} on a free loopback port, without persistence. Fails loudly when Redis is not
 * installed: cluster tests never pass by skipping.
 */
final class RedisServer implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 30_000;

    private final int port;
    private final Path dir;
    private final boolean persistent;
    private Process process;

    private RedisServer(int port, Path dir, boolean persistent) {
        this.port = port;
        this.dir = dir;
        this.persistent = persistent;
    }

    static RedisServer start() throws IOException, InterruptedException {
        return start(false);
    }

    /** A Redis that writes every command to its append-only file, so a restart keeps its data. */
    static RedisServer startPersistent() throws IOException, InterruptedException {
        return start(true);
    }

    private static RedisServer start(boolean persistent) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RedisServer server = new RedisServer(port, Files.createTempDirectory("chat-redis"), persistent);
        server.launch();
        return server;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (again, after {@link #kill()}) on the same port. */
    void launch() throws IOException {
        Path binary = binary();
        process = new ProcessBuilder(List.of(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", persistent ? "yes" : "no", "--appendfsync", "always",
                "--dir", dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        try {
            Awaitility.await().atMost(Duration.ofMillis(START_TIMEOUT_MS)).pollInterval(Duration.ofMillis(20))
                    .until(() -> answersPing() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("redis-server did not answer on port " + port, e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
        }
    }

    /** Stops Redis as an operator would (SIGTERM); a persistent one keeps its data for {@link #launch()}. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops Redis at once, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/bin/redis-server");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        throw new IllegalStateException("redis-server is not installed; the cluster tests need it "
                + "(Debian: apt-get install redis-server)");
    }
}
