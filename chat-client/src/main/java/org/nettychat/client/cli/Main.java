package org.nettychat.client.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.nettychat.client.ChatClient;
import org.nettychat.client.ClientTls;
import org.nettychat.client.ChatException;
import org.nettychat.client.ChatListener;
import org.nettychat.client.ChatSession;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.Names;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command-line chat client: interactive at a terminal, line by line from a pipe, or one message with --send. */
@Command(name = "chat-client", mixinStandardHelpOptions = true, version = "chat-client 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Chats on a netty-chat server.",
            "",
            "At a terminal it is interactive (/help lists the commands). When standard input or output is not a "
                    + "terminal (piped or redirected), "
                    + "every input line is said in --room, every message received is printed as one line "
                    + "('[room] user: text', or JSON with --json), and at the end of input it waits until the "
                    + "server has acknowledged every line, then exits.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:a message was refused or not acknowledged in time, or the input could not be read",
            "2:wrong command line (also a --name or --room the protocol does not allow)",
            "3:cannot connect to the server, or the session ended for good (its login refused on a reconnect, or"
                + " the reconnect attempts used up)",
            "4:login refused (name taken, wrong password)"})
public final class Main implements Callable<Integer> {

    /** How long to wait for the login and for each answer the client waits for. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost",
            description = "Server host (env CHAT_HOST; default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ChatClient.DEFAULT_PORT,
            description = "Server port (env CHAT_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--name", paramLabel = "NAME", description = "User name to log in as (env CHAT_NAME; required).")
    String name;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Account password, if the name has one "
            + "(env CHAT_PASSWORD; prefer the environment variable, as arguments are visible to other users).")
    String password;

    @Option(names = "--room", paramLabel = "ROOM", defaultValue = ChatProtocol.DEFAULT_ROOM,
            description = "Room to chat in (env CHAT_ROOM; default: ${DEFAULT-VALUE}).")
    String room;

    @Option(names = "--send", paramLabel = "TEXT", description = "Say TEXT in --room, wait for the server's "
            + "acknowledgement and exit.")
    String send;

    @Option(names = "--json", description = "Print received messages as JSON lines (with a pipe or --send).")
    boolean json;

    @Option(names = "--no-color", description = "Do not colour user names (never coloured when not at a terminal).")
    boolean noColor;

    @Option(names = "--tls", description = "Connect with TLS (env CHAT_TLS=true), checking the server's certificate "
            + "against the system trust store or --ca-file.")
    boolean tls;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "PEM file of certificates to trust for --tls instead of the system's (env CHAT_CA_FILE).")
    Path caFile;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Write log lines to FILE (env CHAT_LOG_FILE); by default nothing is logged.")
    Path logFile;

    @Option(names = {"-v", "--verbose"}, description = "Log debug lines, to --log-file or else to standard error.")
    boolean verbose;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    private Main(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the client with the given streams and returns the exit code; interactive only on the real terminal. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, System.getenv(), in == System.in && onTerminal());
    }

    /**
     * Whether this process talks to a terminal. Up to JDK 21 (and again from 25) {@code System.console()} is null
     * when input or output is redirected; JDK 22 to 24 return a console all the same, whose {@code isTerminal()}
     * (new in 22) tells.
     */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            boolean terminal) {
        CommandLine commandLine = new CommandLine(new Main(in, out, err, terminal))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setDefaultValueProvider(new EnvironmentDefaults(env));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        if (name == null || name.isBlank()) {
            err.println("Missing --name (or the CHAT_NAME environment variable). See --help.");
            return ExitCode.USAGE;
        }
        room = Names.canonicalRoom(room);
        if (Names.roomProblem(room).isPresent()) {
            err.println("Invalid --room: " + Names.roomProblem(room).get() + ". See --help.");
            return ExitCode.USAGE;
        }
        CliLogging.configure(verbose, logFile);
        boolean interactive = terminal && send == null;
        try {
            return interactive ? runInteractive() : runScripted();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + ". See --help.");
            return ExitCode.USAGE;
        }
    }

    private int runScripted() {
        LineFormat format = new LineFormat(json ? LineFormat.Style.JSON : LineFormat.Style.PLAIN);
        PrintingListener listener = new PrintingListener(format, out::println, err::println,
                PrintingListener.Detail.MESSAGES);
        return withSession(listener, session -> {
            ScriptedMode mode = new ScriptedMode(session, room, err, ANSWER_TIMEOUT, listener.ended());
            return send != null ? mode.sendOne(send) : mode.run(in);
        });
    }

    private int runInteractive() {
        try (Terminal term = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(term).appName("chat-client").build();
            boolean color = !noColor && !Terminal.TYPE_DUMB.equals(term.getType())
                    && !Terminal.TYPE_DUMB_COLOR.equals(term.getType());
            LineFormat format = new LineFormat(color ? LineFormat.Style.COLOR : LineFormat.Style.PLAIN);
            PrintingListener listener = new PrintingListener(format, reader::printAbove, reader::printAbove,
                    PrintingListener.Detail.EVERYTHING);
            InteractiveMode mode = new InteractiveMode(reader, format, ANSWER_TIMEOUT, room, listener);
            return withSession(listener, mode::run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, runs {@code body} with the session, closes it; maps connection failures to exit codes. */
    private int withSession(ChatListener listener, SessionBody body) {
        ChatSession session;
        try {
            session = ChatClient.builder().host(host).port(port).name(name).password(password).room(room)
                    .tls(tls || caFile != null ? new ClientTls(caFile) : null)
                    .listener(listener).build()
                    .connect().orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            return connectFailed(e.getCause());
        } catch (IllegalArgumentException e) {
            err.println("chat-client: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try {
            return body.run(session);
        } finally {
            try {
                session.close();
            } catch (ChatException e) {
                err.println("chat-client: " + Sanitizer.clean(e.getMessage()));
            }
        }
    }

    private int connectFailed(Throwable cause) {
        if (cause instanceof ChatException e && e.isLoginRefused()) {
            err.println("Login refused: " + Sanitizer.clean(e.getMessage()));
            return ExitCode.REFUSED;
        }
        String why = cause instanceof TimeoutException
                ? "not logged in and in its rooms within " + ANSWER_TIMEOUT.toSeconds() + " s"
                : Sanitizer.clean(String.valueOf(cause.getMessage()));
        err.println("Cannot connect to " + host + ":" + port + ": " + why);
        return ExitCode.CANNOT_CONNECT;
    }

    /** What to do with a connected session; returns the exit code. */
    @FunctionalInterface
    private interface SessionBody {
        int run(ChatSession session);
    }
}
