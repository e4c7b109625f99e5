package org.nettychat.server;

import java.nio.channels.UnresolvedAddressException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: parses options, starts the server and stops it gracefully on SIGTERM or SIGINT. */
public final class Main {

    /** Exit code for a bad option or value. */
    static final int EXIT_USAGE = 2;
    /** Exit code when the server cannot start (port in use, say). */
    static final int EXIT_START_FAILED = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("hash-password")) {
            System.exit(HashPasswordCommand.run(arguments.subList(1, arguments.size()), System.console(), System.in,
                    System.out, System.err));
            return;
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(ServerOptions.help());
            return;
        }
        ServerConfig config;
        try {
            config = ServerOptions.parse(arguments, System.getenv());
        } catch (ServerOptions.UsageException e) {
            System.err.println("chat-server: " + e.getMessage().replace("\n", "\nchat-server: "));
            System.err.println("Try --help for the options.");
            System.exit(EXIT_USAGE);
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("effective settings:{}", ServerOptions.describe(config));
        ChatServer server;
        try {
            server = new ChatServer(config).start();
        } catch (UnresolvedAddressException e) {
            System.err.println("chat-server: host: \"" + config.host() + "\" (cannot be resolved)");
            System.exit(EXIT_USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("chat-server: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            System.exit(EXIT_USAGE);
            return;
        } catch (Exception e) {
            // Netty rethrows a failed bind as the checked exception it is (BindException, NativeIoException).
            System.err.println("chat-server: cannot start: " + e);
            System.exit(EXIT_START_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
            // A signal is how operators stop the server; a clean stop exits 0, not the JVM's 128+signal.
            Runtime.getRuntime().halt(0);
        }, "chat-shutdown"));
        log.info("serving on {}:{}", config.host(), server.port());
        stopped.await();
    }
}
