package org.nettychat.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.nettychat.client.ChatClient.ClientSettings;
import org.nettychat.client.ChatException;
import org.nettychat.client.ChatListener;
import org.nettychat.client.ChatSession;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.Names;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;
import org.nettychat.protocol.codec.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one session across its connections: connect, log in, send requests, lose the connection, log in again,
 * end. Every method except {@link #submit} and {@link #closeAsync} runs on the session's event loop, so its state
 * needs no locks; those two hand their work to the loop.
 */
final class SessionCore {

    private static final String CONNECTION_CLOSED = "connection closed";
    private static final Logger LOG = LoggerFactory.getLogger(SessionCore.class);

    /** A request sent this often without an answer fails rather than being sent after yet another reconnect. */
    static final int MAX_SENDS = 3;
    /** How long a closing session waits for the server to answer its {@code bye}. */
    static final long BYE_TIMEOUT_MILLIS = 2000;

    private final ClientSettings settings;
    private final EventLoop loop;
    private final EventLoopGroup ownGroup;
    private final ListenerDispatcher events;
    private final PendingRequests pending = new PendingRequests();
    /**
     * Requests waiting for a token of the pacer to be written on the current connection, oldest first: one refused for
     * the rate limit goes back in its place, before those made after it.
     */
    private final PriorityQueue<PendingRequest<?>> unsent =
            new PriorityQueue<>(Comparator.comparingLong(PendingRequest::sequence));
    private final RoomTracker rooms = new RoomTracker();
    private final ReconnectWatchdog watchdog;
    private final MessageRouter router;
    private final Bootstrap bootstrap;
    private final CompletableFuture<ChatSession> firstLogin = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private ChatSession session;
    private Channel channel;
    private boolean loggedIn;
    /**
     * The rooms of the first login whose backlog has not arrived yet; {@link #firstLogin} completes when none is left.
     * Null once it has completed or failed.
     */
    private Set<String> initialRoomsWaiting;
    private SendPacer pacer;
    private boolean drainScheduled;
    private boolean everLoggedIn;
    /** The epoch of the server's history at the last login, sent back in the next hello; null before the first. */
    private String epoch;
    private boolean closing;
    /** Written on the loop; read from any thread by {@link #isEnded}. Set before the end fails any request. */
    private volatile boolean terminated;
    private int maxBodyBytes = ChatProtocol.DEFAULT_MAX_BODY_BYTES;
    private String disconnectReason;
    private String lastDisconnect = CONNECTION_CLOSED;
    private volatile String motd;
    private ChatException loginFailure;
    private volatile boolean connected;

    SessionCore(ClientSettings settings, EventLoop loop, EventLoopGroup ownGroup) {
        this.settings = settings;
        this.loop = loop;
        this.ownGroup = ownGroup;
        this.events = new ListenerDispatcher(settings.listener(), settings.listenerExecutor());
        this.watchdog = new ReconnectWatchdog(settings.reconnectPolicy(), this);
        this.router = new MessageRouter(settings.name(), rooms, pending, events, this);
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(settings.host(), settings.port())
                .resolver(HostLookup.SYSTEM)
                .handler(new ClientChannelInitializer(settings, this, watchdog));
    }

    /** Starts the first connection; the future completes once the server has welcomed the session. */
    CompletableFuture<ChatSession> start(ChatSession session) {
        this.session = session;
        try {
            loop.execute(this::connect);
        } catch (RejectedExecutionException e) {
            firstLogin.completeExceptionally(new ChatException("event loop is shut down", e));
        }
        return firstLogin;
    }

    String nextRef() {
        return pending.nextRef();
    }

    RoomTracker rooms() {
        return rooms;
    }

    /** The message of the day of the last welcome, or null. */
    String motd() {
        return motd;
    }

    boolean isEnded() {
        return terminated;
    }

    boolean isConnected() {
        return connected;
    }

    /** Queues {@code request} on the loop and sends it once logged in. Thread-safe. */
    <T> CompletableFuture<T> submit(PendingRequest<T> request) {
        try {
            loop.execute(() -> enqueue(request));
        } catch (RejectedExecutionException e) {
            request.future().completeExceptionally(new ChatException("session is closed", e));
        }
        return request.future();
    }

    /** Starts closing the session. Thread-safe. */
    CompletableFuture<Void> closeAsync() {
        try {
            loop.execute(this::close);
        } catch (RejectedExecutionException e) {
            closed.complete(null);
        }
        return closed;
    }

    /** Opens a new connection; called first by {@link #start} and then by the watchdog. */
    void connect() {
        bootstrap.connect().addListener((ChannelFuture done) -> {
            if (!done.isSuccess()) {
                connectFailed(done.cause());
            }
        });
    }

    /** The hello to log in with on {@code ch}, or null when the session ended while it connected. */
    Hello helloFor(Channel ch) {
        if (terminated) {
            return null;
        }
        channel = ch;
        Map<String, Long> resume = everLoggedIn && initialRoomsWaiting == null ? rooms.resume() : initialRooms();
        return new Hello(settings.name(), settings.password(), resume.isEmpty() ? null : resume, epoch);
    }

    void loggedIn(Channel ch, Welcome welcome) {
        motd = welcome.motd();
        loggedIn = true;
        connected = true;
        maxBodyBytes = welcome.maxBodyBytes() > 0 ? welcome.maxBodyBytes() : ChatProtocol.DEFAULT_MAX_BODY_BYTES;
        boolean first = !everLoggedIn;
        if (first) {
            initialRoomsWaiting = new HashSet<>();
            if (settings.rooms().isEmpty()) {
                initialRoomsWaiting.add(ChatProtocol.DEFAULT_ROOM);
            } else {
                settings.rooms().forEach(room -> initialRoomsWaiting.add(Names.canonicalRoom(room)));
            }
        }
        everLoggedIn = true;
        if (epoch != null && !epoch.equals(welcome.epoch())) {
            // The server lost its history; what it sends now is new, whatever the ids.
            rooms.restartIds();
        }
        epoch = welcome.epoch();
        watchdog.arm();
        LOG.debug("Logged in as {} on {}", welcome.name(), ch);
        pacer = SendPacer.announcedBy(welcome, System.nanoTime());
        unsent.clear();
        unsent.addAll(pending.inOrder());
        drain();
        if (!first) {
            events.emit(ChatListener::onReconnected);
        }
    }

    /** The backlog of {@code room} arrived after a join; the first login is complete once every initial room's has. */
    void roomReady(String room) {
        if (initialRoomsWaiting != null && initialRoomsWaiting.remove(room) && initialRoomsWaiting.isEmpty()) {
            firstLoginComplete();
        }
    }

    /**
     * The server refused something without saying which request (a room of the login it could not join): the first
     * login is as complete as it will get, and the listener has the error.
     */
    void refusedWithoutRef() {
        if (initialRoomsWaiting != null) {
            firstLoginComplete();
        }
    }

    private void firstLoginComplete() {
        initialRoomsWaiting = null;
        events.complete(firstLogin, session);
    }

    /** The connection failed under the protocol (a TLS handshake, say); the reason is kept for the caller. */
    void connectionFailed(Channel ch, Throwable cause) {
        disconnectReason = "connection failed: " + cause.getMessage();
        if (!everLoggedIn) {
            loginFailure = new ChatException("connection failed: " + cause.getMessage(), cause);
        }
        ch.close();
    }

    /** The server refused the login; after a reconnect only a taken name is worth another try. */
    void loginRefused(Channel ch, ErrorMessage error) {
        ChatException refusal = new ChatException(error.errorCode(), error.text());
        LOG.debug("Login refused: {}", refusal.getMessage());
        disconnectReason = "login refused: " + error.code();
        if (!everLoggedIn || (refusal.isLoginRefused() && error.errorCode() != ErrorCode.NAME_TAKEN)) {
            loginFailure = refusal;
            watchdog.disarm();
        }
        ch.close();
    }

    /** The server said {@code bye}; a drain asks for an immediate reconnect. */
    void byeReceived(Channel ch, Bye bye) {
        disconnectReason = "server said bye: " + bye.reason();
        if (bye.asksToReconnect()) {
            watchdog.reconnectImmediately();
        }
        ch.close();
    }

    void connectionLost(Channel ch) {
        if (ch != channel) {
            return;
        }
        boolean wasLoggedIn = loggedIn;
        loggedIn = false;
        connected = false;
        channel = null;
        unsent.clear();
        pending.failUnsafeToResend(events, () -> new ChatException("connection lost before the server answered", null));
        String reason = disconnectReason == null ? CONNECTION_CLOSED : disconnectReason;
        disconnectReason = null;
        lastDisconnect = reason;
        if (wasLoggedIn && !closing) {
            events.emit(listener -> listener.onDisconnected(reason));
        }
    }

    /** The connection is gone and the watchdog will not reconnect. */
    void connectionEnded() {
        terminate(closing ? "closed" : lastDisconnect);
    }

    /** The watchdog used up the reconnect policy's attempts. */
    void reconnectGaveUp(int attempts) {
        terminate("gave up after " + attempts + " reconnect attempts (" + lastDisconnect + ")");
    }

    /**
     * The server refused the request with {@code ref} for its rate limit, so did not carry it out: it goes out again,
     * in its place among the unsent ones, once the pacer has a token. False when it is not pending or was refused too
     * often. Requests sent after it and accepted meanwhile stay ahead of it.
     */
    boolean retryRefused(String ref) {
        PendingRequest<?> request = pending.get(ref);
        if (request == null || !request.refusedForRate()) {
            return false;
        }
        pacer.refused(System.nanoTime());
        if (loggedIn) {
            unsent.add(request);
            drain();
        }
        return true;
    }

    /** Hands a message that arrived after login to the router. */
    void received(Channel ch, ServerMessage message) {
        router.route(ch, message);
    }

    private void connectFailed(Throwable cause) {
        LOG.debug("Cannot connect to {}:{}", settings.host(), settings.port(), cause);
        if (terminated) {
            return;
        }
        if (watchdog.isArmed()) {
            watchdog.scheduleReconnect(loop);
        } else {
            loginFailure = new ChatException(
                    "cannot connect to " + settings.host() + ":" + settings.port() + ": " + cause.getMessage(), cause);
            terminate("cannot connect");
        }
    }

    private Map<String, Long> initialRooms() {
        Map<String, Long> resume = new LinkedHashMap<>();
        settings.rooms().forEach(room -> resume.put(room, 0L));
        return resume;
    }

    private void enqueue(PendingRequest<?> request) {
        if (terminated) {
            events.fail(request.future(), new ChatException("session is closed", null));
        } else if (!pending.add(request)) {
            events.fail(request.future(), new ChatException(
                    "too many requests waiting (max " + PendingRequests.MAX_PENDING + ")", null));
        } else if (loggedIn) {
            unsent.add(request);
            drain();
        }
    }

    /** Writes the unsent requests the pacer has tokens for, and comes back when the next token is due. */
    private void drain() {
        if (!loggedIn || drainScheduled) {
            return;
        }
        boolean wrote = false;
        while (!unsent.isEmpty()) {
            long wait = pacer.nanosUntilToken(System.nanoTime());
            if (wait > 0) {
                drainScheduled = true;
                loop.schedule(() -> {
                    drainScheduled = false;
                    drain();
                }, wait, TimeUnit.NANOSECONDS);
                break;
            }
            wrote |= write(unsent.poll());
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** Writes {@code request} with a token of the pacer, or fails it; true when it was written. */
    private boolean write(PendingRequest<?> request) {
        int bytes = MessageJson.toJson(request.message()).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBodyBytes) {
            fail(request, new ChatException(ErrorCode.TOO_LARGE,
                    "message of " + bytes + " bytes (the server accepts at most " + maxBodyBytes + ")"));
        } else if (request.countSend() > MAX_SENDS) {
            fail(request, new ChatException("no answer after " + MAX_SENDS + " attempts", null));
        } else {
            pacer.take();
            Channel target = channel;
            target.write(request.message()).addListener((ChannelFuture done) -> {
                if (!done.isSuccess() && target.isActive()) {
                    fail(request, new ChatException("cannot send " + request.message(), done.cause()));
                }
            });
            return true;
        }
        return false;
    }

    private void fail(PendingRequest<?> request, ChatException cause) {
        if (pending.remove(request.ref()) != null) {
            events.fail(request.future(), cause);
        }
    }

    private void close() {
        if (terminated || closing) {
            return;
        }
        closing = true;
        watchdog.disarm();
        Channel ch = channel;
        if (ch == null) {
            terminate("closed");
        } else if (loggedIn) {
            ch.writeAndFlush(new Bye(null));
            loop.schedule(() -> ch.close(), BYE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ch.close();
        }
    }

    private void terminate(String reason) {
        if (terminated) {
            return;
        }
        terminated = true;
        connected = false;
        unsent.clear();
        watchdog.disarm();
        pending.failAll(events, () -> new ChatException("session " + reason, null));
        if (!everLoggedIn) {
            events.fail(firstLogin, loginFailure != null ? loginFailure
                    : new ChatException("connection closed before login"
                            + (reason.equals(CONNECTION_CLOSED) || reason.equals("closed") ? "" : " (" + reason + ")"),
                            null));
        } else {
            events.emit(listener -> listener.onClosed(reason));
            if (initialRoomsWaiting != null) {
                initialRoomsWaiting = null;
                events.fail(firstLogin, new ChatException("session " + reason + " before it was in its rooms", null));
            }
        }
        events.complete(closed, null);
        events.shutdown();
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
