package org.nettychat.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Option;

/** Options every workload takes: where the server is, how the generator runs, where results go. */
final class CommonOptions {

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "server address; loopback only (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "server chat port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--threads", defaultValue = "1",
            description = "event loop threads shared by all connections (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--transport", defaultValue = "auto",
            description = "generator transport: auto (io_uring, else epoll, else nio), io_uring, epoll or nio "
                    + "(default: ${DEFAULT-VALUE})")
    GeneratorTransport transport;

    @Option(names = "--server-pid", defaultValue = "0",
            description = "server process id, to read its CPU time and memory from /proc")
    long serverPid;

    @Option(names = "--results", defaultValue = "bench-results.jsonl",
            description = "file to append one JSON line per run to (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--payload", defaultValue = "100",
            description = "characters of text per message (default: ${DEFAULT-VALUE})")
    int payload;

    @Option(names = "--prefix", description = "user name prefix (default: a random one per run)")
    String prefix;

    /** The server's address, refused unless it is a loopback address: load goes to this machine only. */
    InetSocketAddress server() {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("--host: " + host + " (expected: a loopback address such as "
                        + "127.0.0.1; the generator only loads this machine)");
            }
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host: " + host + " (unknown host)", e);
        }
    }

    /** A name prefix unique enough that a new run never collides with one whose sessions are still closing. */
    String namePrefix() {
        if (prefix == null) {
            prefix = "b" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36) + "x";
        }
        return prefix.toLowerCase(Locale.ROOT);
    }

    /** The machine's 1-minute load average, to tell runs on a busy (shared) machine from quiet ones. */
    static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    ServerProcess serverProcess() {
        return new ServerProcess(serverPid);
    }

    /** The start of a run's JSON line: what ran, when and how. */
    Map<String, Object> runHeader(String workload, ClientFleet fleet) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("workload", workload);
        run.put("time", Instant.now().toString());
        run.put("server", host + ":" + port);
        run.put("server_pid", serverPid);
        run.put("generator_threads", threads);
        run.put("generator_transport", fleet.transport());
        run.put("cpus", Runtime.getRuntime().availableProcessors());
        run.put("payload_chars", payload);
        run.put("loadavg_at_start", loadAverage());
        return run;
    }
}
