package org.nettychat.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.server.backplane.RedisBackplane;

/**
 * Reads a {@link ServerConfig} from command-line flags ({@code --port 7070} or {@code --port=7070}) and environment
 * variables ({@code CHAT_PORT}); a flag wins over its variable, which wins over the default.
 */
public final class ServerOptions {

    /** One option: its flag, its environment variable, its default and what it means. */
    record Option(String flag, String defaultValue, String help) {
        String env() {
            return "CHAT_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    static final List<Option> OPTIONS = List.of(
            new Option("host", ServerConfig.DEFAULT_HOST, "address to bind the chat and admin ports to"),
            new Option("port", String.valueOf(ServerConfig.DEFAULT_PORT), "chat port (0 picks a free port)"),
            new Option("admin-port", String.valueOf(ServerConfig.DEFAULT_ADMIN_PORT),
                    "admin HTTP port for /health, /metrics, /drain (0 picks a free port, -1 turns it off)"),
            new Option("max-frame", String.valueOf(ChatProtocol.DEFAULT_MAX_BODY_BYTES),
                    "largest frame body accepted, in bytes"),
            new Option("history", String.valueOf(ServerConfig.DEFAULT_HISTORY_LENGTH), "messages kept per room"),
            new Option("history-memory", String.valueOf(ServerConfig.DEFAULT_HISTORY_MEMORY_MIB),
                    "MiB the history of all rooms may take together; beyond it the oldest messages are dropped"),
            new Option("rate", String.valueOf(ServerConfig.DEFAULT_RATE_PER_SECOND),
                    "frames per second one connection may send on average"),
            new Option("burst", String.valueOf(ServerConfig.DEFAULT_RATE_BURST),
                    "frames one connection may send at once"),
            new Option("idle-timeout", "60s", "silence after which a client is pinged, then closed"),
            new Option("hello-timeout", "10s", "time a new connection has to send hello"),
            new Option("max-connections", String.valueOf(ServerConfig.DEFAULT_MAX_CONNECTIONS),
                    "connections held at most"),
            new Option("max-connections-per-ip", String.valueOf(ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_IP),
                    "connections held at most from one address"),
            new Option("max-rooms-per-user", String.valueOf(ServerConfig.DEFAULT_MAX_ROOMS_PER_USER),
                    "rooms one user may be in"),
            new Option("max-rooms", String.valueOf(ServerConfig.DEFAULT_MAX_ROOMS),
                    "rooms kept with their history; beyond it an empty room is forgotten for a new one"),
            new Option("notice-limit", String.valueOf(ServerConfig.DEFAULT_NOTICE_LIMIT),
                    "rooms with more members get no join/leave notices"),
            new Option("slow-consumer-timeout", "10s",
                    "how long a client may stay unable to take more data before it is disconnected"),
            new Option("motd", ServerConfig.DEFAULT_MOTD, "message of the day"),
            new Option("transport", "auto", "event loop transport: auto, epoll or nio"),
            new Option("redis", ServerConfig.DEFAULT_REDIS,
                    "Redis URI (redis://host:port) that turns on cluster mode; empty: one node in memory"),
            new Option("node-id", "", "this node's id in a cluster (default: host name and process id)"),
            new Option("node-ttl", "15s", "how long a cluster node that stopped heartbeating keeps its users"),
            new Option("proxy-protocol-from", "",
                    "IPs or CIDR blocks (comma-separated) of load balancers whose PROXY protocol v1/v2 header is trusted"),
            new Option("users-file", "",
                    "file of accounts (from hash-password); listed names need their password, others are open"),
            new Option("tls-cert", "", "PEM certificate chain: the chat port speaks TLS (needs --tls-key)"),
            new Option("tls-key", "", "PEM private key (PKCS#8) of --tls-cert"),
            new Option("io-threads", "0", "event loop threads for connections (0: one per available processor)"));

    private ServerOptions() {
    }

    /** Thrown for a bad flag or value; the message names the key and the allowed values. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parses flags and environment into a validated config. */
    public static ServerConfig parse(List<String> args, Map<String, String> env) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Option option : OPTIONS) {
            values.put(option.flag(), env.getOrDefault(option.env(), option.defaultValue()));
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument: " + arg + " (see --help)");
            }
            String flag = arg.substring(2);
            String value = null;
            int equals = flag.indexOf('=');
            if (equals >= 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (!values.containsKey(flag)) {
                throw new UsageException("unknown option: --" + flag + " (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--" + flag + ": missing value");
                }
                value = args.get(++i);
            }
            values.put(flag, value);
        }
        return build(values);
    }

    /** The text of {@code --help}. */
    public static String help() {
        StringBuilder text = new StringBuilder("Usage: chat-server [--option value]...\n\n"
                + "Every option can also be set through its environment variable; a flag wins.\n"
                + "Durations take a unit: 500ms, 10s, 2m (a bare number means seconds).\n\n");
        for (Option option : OPTIONS) {
            text.append(String.format("  --%-24s %-30s %s (default: %s)%n", option.flag(), option.env(),
                    option.help(), option.defaultValue().isEmpty() ? "none" : option.defaultValue()));
        }
        text.append(String.format("  --%-24s %-30s %s%n", "help", "", "print this help and exit"));
        text.append("\nchat-server hash-password NAME\n"
                + "  reads a password from the terminal (or one line of standard input) and prints the users-file line"
                + " for NAME\n");
        return text.toString();
    }

    /** The effective settings, one {@code --flag value} a line, as printed at start. */
    public static String describe(ServerConfig config) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", config.host());
        values.put("port", config.port());
        values.put("admin-port", config.adminPort());
        values.put("max-frame", config.maxBodyBytes());
        values.put("history", config.historyLength());
        values.put("history-memory", config.historyMemoryMib());
        values.put("rate", config.ratePerSecond());
        values.put("burst", config.rateBurst());
        values.put("idle-timeout", config.idleTimeout().toMillis() + "ms");
        values.put("hello-timeout", config.helloTimeout().toMillis() + "ms");
        values.put("max-connections", config.maxConnections());
        values.put("max-connections-per-ip", config.maxConnectionsPerIp());
        values.put("max-rooms-per-user", config.maxRoomsPerUser());
        values.put("max-rooms", config.maxRooms());
        values.put("notice-limit", config.noticeLimit());
        values.put("slow-consumer-timeout", config.slowConsumerTimeout().toMillis() + "ms");
        values.put("motd", "\"" + config.motd() + "\"");
        values.put("transport", config.transport().name().toLowerCase(Locale.ROOT));
        values.put("redis", config.redis().isEmpty() ? "(none: single node in memory)"
                : RedisBackplane.where(config.redis()) + " (the URI's password is not shown)");
        values.put("node-id", config.nodeId());
        values.put("node-ttl", config.nodeTtl().toMillis() + "ms");
        values.put("proxy-protocol-from", config.proxyProtocolFrom().isEmpty() ? "(none)" : config.proxyProtocolFrom());
        values.put("tls-cert", config.tls() ? config.tlsCert() : "(none: plain TCP)");
        values.put("tls-key", config.tls() ? config.tlsKey() : "(none)");
        values.put("io-threads", config.effectiveIoThreads());
        values.put("users-file", config.usersFile().isEmpty() ? "(none: names are first come, first served)"
                : config.usersFile());
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(String.format("%n  --%-24s %s", key, value)));
        return text.toString();
    }

    private static ServerConfig build(Map<String, String> values) throws UsageException {
        List<String> problems = new ArrayList<>();
        Function<String, Integer> integer = key -> parseInt(key, values.get(key), problems);
        Function<String, Duration> duration = key -> parseDuration(key, values.get(key), problems);
        ServerConfig.TransportChoice transport = parseTransport(values.get("transport"), problems);
        ServerConfig config = null;
        try {
            config = new ServerConfig(values.get("host"), integer.apply("port"), integer.apply("admin-port"),
                    integer.apply("max-frame"), integer.apply("history"), integer.apply("history-memory"),
                    integer.apply("rate"),
                    integer.apply("burst"), duration.apply("idle-timeout"), duration.apply("hello-timeout"),
                    integer.apply("max-connections"), integer.apply("max-connections-per-ip"),
                    integer.apply("max-rooms-per-user"), integer.apply("max-rooms"), integer.apply("notice-limit"),
                    duration.apply("slow-consumer-timeout"), values.get("motd"), transport, values.get("redis").trim(),
                    values.get("node-id").isBlank() ? ServerConfig.defaultNodeId() : values.get("node-id").trim(),
                    duration.apply("node-ttl"), values.get("proxy-protocol-from").trim(),
                    values.get("users-file").trim(), values.get("tls-cert").trim(), values.get("tls-key").trim(),
                    integer.apply("io-threads"));
        } catch (IllegalArgumentException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\n", problems));
        }
        return config;
    }

    private static int parseInt(String key, String value, List<String> problems) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            problems.add(key + ": \"" + value + "\" (expected: a whole number)");
            return 0;
        }
    }

    static Duration parseDuration(String key, String value, List<String> problems) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(key + ": \"" + value + "\" (expected: a duration such as 500ms, 10s or 2m)");
            return Duration.ZERO;
        }
    }

    private static ServerConfig.TransportChoice parseTransport(String value, List<String> problems) {
        try {
            return ServerConfig.TransportChoice.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("transport: \"" + value + "\" (expected: auto, epoll or nio)");
            return ServerConfig.TransportChoice.AUTO;
        }
    }
}
