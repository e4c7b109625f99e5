package org.nettychat.client;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.nettychat.client.internal.SessionFactory;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.Names;

/**
 * Connects to a chat server and logs in; build one with {@link #builder()}, then {@link #connect()}.
 *
 * <p>A client is immutable and thread-safe; each {@code connect()} opens a new, independent session.
 */
public final class ChatClient {

    /** Port the chat server listens on by default. */
    public static final int DEFAULT_PORT = 7070;
    /** Default interval of the client's keep-alive pings when it has sent nothing else. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    /** Default time to wait for the TCP connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ClientSettings settings;

    private ChatClient(ClientSettings settings) {
        this.settings = settings;
    }

    /** A builder with the defaults: localhost, {@link #DEFAULT_PORT}, {@link ReconnectPolicy#DEFAULT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings this client connects with. */
    public ClientSettings settings() {
        return settings;
    }

    /**
     * Connects and logs in. The future completes with the session once the server has welcomed it and the session is
     * in its rooms, their backlog delivered to the listener (or the server refused one of them, which the listener
     * gets as an error), or fails with a {@link ChatException}: with the server's code when it refused the login,
     * without one when the server could not be reached. The session reconnects by itself only after this first login
     * succeeded.
     */
    public CompletableFuture<ChatSession> connect() {
        return SessionFactory.connect(settings);
    }

    /**
     * Everything a session needs to connect, as collected by the {@link Builder}.
     *
     * @param host             server host name or address
     * @param port             server port
     * @param name             user name to log in as
     * @param password         account password, or null
     * @param rooms            rooms to be in after login instead of the server's default room; empty for the default
     * @param reconnectPolicy  how to reconnect after a lost connection
     * @param eventLoopGroup   shared Netty event loops for the connection, or null for a group of the session's own
     * @param listener         receiver of the session's events
     * @param listenerExecutor executor for listener calls and future completions, or null for a thread of the
     *                         session's own
     * @param pingInterval     keep-alive interval; the connection counts as dead after three intervals of silence
     * @param connectTimeout   time allowed for the TCP connection
     * @param tls              TLS for the connection, or null for plain TCP
     */
    public record ClientSettings(String host, int port, String name, String password, List<String> rooms,
            ReconnectPolicy reconnectPolicy, EventLoopGroup eventLoopGroup, ChatListener listener,
            Executor listenerExecutor, Duration pingInterval, Duration connectTimeout, ClientTls tls) {

        public ClientSettings {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
            }
            Optional<String> nameProblem = Names.userNameProblem(name);
            if (nameProblem.isPresent()) {
                throw new IllegalArgumentException("name: " + nameProblem.get());
            }
            if (password != null && password.length() > ChatProtocol.MAX_PASSWORD_LENGTH) {
                throw new IllegalArgumentException("password length: " + password.length()
                        + " (expected: <= " + ChatProtocol.MAX_PASSWORD_LENGTH + ")");
            }
            rooms = List.copyOf(rooms);
            Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
            Objects.requireNonNull(listener, "listener");
            requirePositive(pingInterval, "pingInterval");
            requirePositive(connectTimeout, "connectTimeout");
        }

        private static void requirePositive(Duration value, String key) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
            }
        }
    }

    /** Collects the settings of a {@link ChatClient}; not thread-safe. */
    public static final class Builder {
        private String host = "localhost";
        private int port = DEFAULT_PORT;
        private String name;
        private String password;
        private final LinkedHashSet<String> rooms = new LinkedHashSet<>();
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.DEFAULT;
        private EventLoopGroup eventLoopGroup;
        private ChatListener listener = new ChatListener() { };
        private Executor listenerExecutor;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private ClientTls tls;

        private Builder() {
        }

        /** The server's host name or address. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The server's port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The user name to log in as (required). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The account password, for names the server keeps accounts for. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** A room to be in right after login; when none is given the server puts the session in its default room. */
        public Builder room(String room) {
            rooms.add(Names.canonicalRoom(room));
            return this;
        }

        /** How to reconnect after a lost connection; {@link ReconnectPolicy#DISABLED} never does. */
        public Builder reconnectPolicy(ReconnectPolicy reconnectPolicy) {
            this.reconnectPolicy = reconnectPolicy;
            return this;
        }

        /**
         * Netty event loops to share with other sessions, which must accept NIO channels (such as a
         * {@code MultiThreadIoEventLoopGroup} with an {@code NioIoHandler}); the caller shuts them down. Without one,
         * each session runs a single event loop thread of its own.
         */
        public Builder eventLoopGroup(EventLoopGroup eventLoopGroup) {
            this.eventLoopGroup = eventLoopGroup;
            return this;
        }

        /** The receiver of the session's events. */
        public Builder listener(ChatListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Where listener methods and future completions run; the caller shuts it down. A multi-threaded executor may
         * deliver events out of order. Without one, each session has one listener thread of its own.
         */
        public Builder listenerExecutor(Executor listenerExecutor) {
            this.listenerExecutor = listenerExecutor;
            return this;
        }

        /** How often to ping the server when nothing else was sent. */
        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
            return this;
        }

        /** How long to wait for the TCP connection. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** A client with these settings. */
        /** Connects with TLS ({@link ClientTls}); null for plain TCP, the default. */
        public Builder tls(ClientTls tls) {
            this.tls = tls;
            return this;
        }

        public ChatClient build() {
            return new ChatClient(new ClientSettings(host, port, name, password, List.copyOf(rooms), reconnectPolicy,
                    eventLoopGroup, listener, listenerExecutor, pingInterval, connectTimeout, tls));
        }
    }
}
