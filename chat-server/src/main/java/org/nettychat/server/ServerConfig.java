package org.nettychat.server;

import java.time.Duration;
import org.nettychat.server.pipeline.TrustedProxies;
import org.nettychat.protocol.ChatProtocol;

/**
 * Every setting of a chat server, validated once when built. Defaults are safe for production; benchmarks raise the
 * limits explicitly.
 *
 * @param host                 address to bind the chat and admin ports to
 * @param port                 chat port; 0 picks a free one
 * @param adminPort            admin HTTP port ({@code /health}, {@code /metrics}, {@code /drain}); 0 picks a free one,
 *                             -1 turns it off
 * @param maxBodyBytes         largest frame BODY accepted
 * @param historyLength        messages kept per room
 * @param historyMemoryMib     MiB that the history and the recent say refs of all rooms may take together (an
 *                             estimate); beyond it the node's oldest are dropped, whatever room holds them
 * @param ratePerSecond        frames per second a connection may send, on average
 * @param rateBurst            frames a connection may send at once
 * @param idleTimeout          silence after which a connection is pinged, then closed
 * @param helloTimeout         time a new connection has to log in
 * @param maxConnections       connections held at most
 * @param maxConnectionsPerIp  connections held at most from one address
 * @param maxRoomsPerUser      rooms one session may be in
 * @param maxRooms             rooms this node keeps, with their history; beyond it an empty room is forgotten for a
 *                             new one, or the join is refused
 * @param noticeLimit          rooms with more members get no join/leave notices
 * @param slowConsumerTimeout  how long a connection may stay unable to take more data before it is closed
 * @param motd                 message of the day sent in {@code welcome}; may be empty
 * @param transport            which Netty transport to use
 * @param redis                the Redis URI of a cluster ({@code redis://host:port}), or empty for a single node in
 *                             memory
 * @param nodeId               this node's id in a cluster; unique per node
 * @param nodeTtl              how long a cluster node that stopped heartbeating keeps its users
 * @param proxyProtocolFrom    comma-separated IPs or CIDR blocks of load balancers whose PROXY protocol header is
 *                             trusted; empty: none
 * @param usersFile            a users file of names that need a password; empty: names are first come, first served
 * @param tlsCert              PEM certificate chain for TLS on the chat port; empty: plain TCP
 * @param tlsKey               PEM private key (PKCS#8) of that certificate; empty exactly when tlsCert is
 * @param ioThreads            event loop threads for connections; 0 for one per available processor
 */
public record ServerConfig(
        String host,
        int port,
        int adminPort,
        int maxBodyBytes,
        int historyLength,
        int historyMemoryMib,
        int ratePerSecond,
        int rateBurst,
        Duration idleTimeout,
        Duration helloTimeout,
        int maxConnections,
        int maxConnectionsPerIp,
        int maxRoomsPerUser,
        int maxRooms,
        int noticeLimit,
        Duration slowConsumerTimeout,
        String motd,
        TransportChoice transport,
        String redis,
        String nodeId,
        Duration nodeTtl,
        String proxyProtocolFrom,
        String usersFile,
        String tlsCert,
        String tlsKey,
        int ioThreads) {

    /** The longest duration any setting takes: far beyond any sensible timeout, far below an overflow. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);
    /** The shortest node TTL: the heartbeat must fit into it several times. */
    public static final Duration MIN_NODE_TTL = Duration.ofSeconds(1);

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final int DEFAULT_ADMIN_PORT = 7071;
    public static final int DEFAULT_HISTORY_LENGTH = 100;
    public static final int DEFAULT_HISTORY_MEMORY_MIB = 64;
    public static final int DEFAULT_RATE_PER_SECOND = 20;
    public static final int DEFAULT_RATE_BURST = 40;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 50;
    public static final int DEFAULT_MAX_ROOMS_PER_USER = 50;
    public static final int DEFAULT_MAX_ROOMS = 10_000;
    public static final int DEFAULT_NOTICE_LIMIT = 100;
    public static final Duration DEFAULT_SLOW_CONSUMER_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_MOTD = "";
    public static final String DEFAULT_REDIS = "";
    public static final Duration DEFAULT_NODE_TTL = Duration.ofSeconds(15);

    /** Which event loop transport to run on. */
    public enum TransportChoice {
        /** Native epoll where available, NIO otherwise. */
        AUTO,
        /** Native epoll; fails at start where it is not available. */
        EPOLL,
        /** Java NIO. */
        NIO
    }

    public ServerConfig {
        requireText(host, "host");
        requireRange(port, 0, 65_535, "port");
        requireRange(adminPort, -1, 65_535, "admin-port");
        requireRange(maxBodyBytes, 64, ChatProtocol.MAX_HEADER_VALUE, "max-frame");
        requireRange(historyLength, 0, 1_000_000, "history");
        requireRange(historyMemoryMib, 1, 1_048_576, "history-memory");
        requireRange(ratePerSecond, 1, 100_000_000, "rate");
        requireRange(rateBurst, 1, 100_000_000, "burst");
        requirePositive(idleTimeout, "idle-timeout");
        requirePositive(helloTimeout, "hello-timeout");
        requireRange(maxConnections, 1, 10_000_000, "max-connections");
        requireRange(maxConnectionsPerIp, 1, 10_000_000, "max-connections-per-ip");
        requireRange(maxRoomsPerUser, 1, 100_000, "max-rooms-per-user");
        requireRange(maxRooms, 1, 10_000_000, "max-rooms");
        requireRange(ioThreads, 0, 1024, "io-threads");
        requireRange(noticeLimit, 0, 10_000_000, "notice-limit");
        requirePositive(slowConsumerTimeout, "slow-consumer-timeout");
        if (motd == null) {
            throw new IllegalArgumentException("motd: missing (expected: a text, possibly empty)");
        }
        if (transport == null) {
            throw new IllegalArgumentException("transport: missing (expected: auto, epoll or nio)");
        }
        if (redis == null || !(redis.isEmpty() || redis.startsWith("redis://") || redis.startsWith("rediss://"))) {
            throw new IllegalArgumentException(
                    "redis: \"" + redis + "\" (expected: empty, or a URI such as redis://host:6379)");
        }
        if (nodeId == null || !nodeId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(
                    "node-id: \"" + nodeId + "\" (expected: 1-64 of A-Z a-z 0-9 _ . -)");
        }
        requirePositive(nodeTtl, "node-ttl");
        if (nodeTtl.compareTo(MIN_NODE_TTL) < 0) {
            // The heartbeat runs every third of it, at least 100 ms apart: a shorter TTL reaps live nodes.
            throw new IllegalArgumentException("node-ttl: " + nodeTtl.toMillis() + "ms (expected: at least "
                    + MIN_NODE_TTL.toSeconds() + "s)");
        }
        if (proxyProtocolFrom == null) {
            throw new IllegalArgumentException("proxy-protocol-from: missing (expected: IPs or CIDR blocks, or empty)");
        }
        TrustedProxies.parse(proxyProtocolFrom);
        if (usersFile == null) {
            throw new IllegalArgumentException("users-file: missing (expected: a path, or empty)");
        }
        if (tlsCert == null || tlsKey == null || tlsCert.isEmpty() != tlsKey.isEmpty()) {
            throw new IllegalArgumentException("tls-cert and tls-key: give both (PEM files) or neither");
        }
    }

    /** The defaults: loopback, port 7070, admin 7071. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_ADMIN_PORT, ChatProtocol.DEFAULT_MAX_BODY_BYTES,
                DEFAULT_HISTORY_LENGTH, DEFAULT_HISTORY_MEMORY_MIB, DEFAULT_RATE_PER_SECOND, DEFAULT_RATE_BURST, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_HELLO_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_IP,
                DEFAULT_MAX_ROOMS_PER_USER, DEFAULT_MAX_ROOMS, DEFAULT_NOTICE_LIMIT, DEFAULT_SLOW_CONSUMER_TIMEOUT,
                DEFAULT_MOTD, TransportChoice.AUTO, DEFAULT_REDIS, defaultNodeId(), DEFAULT_NODE_TTL, "", "", "", "", 0);
    }

    /** The event loop threads to run: {@link #ioThreads()}, or one per available processor. */
    public int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }

    /** {@link #historyMemoryMib()} in bytes. */
    public long historyMemoryBytes() {
        return historyMemoryMib * 1024L * 1024L;
    }

    /** Whether the chat port speaks TLS. */
    public boolean tls() {
        return !tlsCert.isEmpty();
    }

    /** Whether the server is a node of a Redis-backed cluster. */
    public boolean clustered() {
        return !redis.isEmpty();
    }

    /** A node id from the host name and the process id, unique on a network of hosts with distinct names. */
    public static String defaultNodeId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "node").replaceAll("[^A-Za-z0-9_.-]", "");
        return (host.isEmpty() ? "node" : host) + "-" + ProcessHandle.current().pid();
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": missing (expected: a host name or address)");
        }
    }

    private static void requireRange(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(key + ": " + (value == null ? null : value.toSeconds() + "s")
                    + " (expected: a positive duration of at most " + MAX_DURATION.toDays() + " days)");
        }
    }
}
