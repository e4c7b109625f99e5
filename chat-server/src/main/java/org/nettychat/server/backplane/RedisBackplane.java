package org.nettychat.server.backplane;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.channel.Channel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.Names;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.codec.MessageJson;
import org.nettychat.server.admin.ServerMetrics;
import org.nettychat.server.room.HistoryWindow;
import org.nettychat.server.room.Rooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backplane of a cluster: names, membership and history live in Redis, and every room's events travel through
 * one Redis channel, so every node delivers them in the same order. Redis is used only through Lettuce's async API;
 * nothing here blocks an event loop. Events arriving from Redis are applied by {@link ClusterEvents}.
 */
public final class RedisBackplane implements Backplane {

    /** How long a say's ref is remembered for idempotent retries. */
    static final Duration REF_LIFETIME = Duration.ofHours(1);
    /** A command not answered within this is failed, and the request refused with {@code unavailable}. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** How long the start waits for Redis to answer before it fails. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Commands queued at most while Redis is slow; beyond, they fail at once. */
    static final int REQUEST_QUEUE_SIZE = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RedisBackplane.class);

    private final String node;
    private final Duration nodeTtl;
    private final int historyLength;
    /** Rooms the cluster keeps, in use or idle, when this node creates one. */
    private final int maxRooms;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final ClusterEvents events;
    private final Rooms rooms;
    private final ConcurrentMap<String, ClusterEvents.LocalUser> localUsers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private volatile String epoch;
    private volatile boolean closed;

    private RedisBackplane(Settings settings, ServerMetrics metrics, Clock clock) {
        this.node = settings.node();
        this.nodeTtl = settings.nodeTtl();
        this.historyLength = settings.historyLength();
        this.maxRooms = settings.maxRooms();
        this.clock = clock;
        this.metrics = metrics;
        // History and refs live in Redis: this node's rooms keep none, and each goes when no one on this node is in
        // it. The cluster's join script bounds the rooms, so the node sets no limit of its own.
        this.rooms = new Rooms(0, 0, settings.noticeLimit(), Integer.MAX_VALUE);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).build();
        RedisURI uri = RedisURI.create(settings.uri());
        // Also bounds the connection's handshake: a peer that accepts and never answers fails the start in seconds.
        uri.setTimeout(CONNECT_TIMEOUT);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chat-redis-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.connection = client.connect();
            this.redis = connection.async();
            this.subscriptions = client.connectPubSub();
            this.events = new ClusterEvents(node, rooms, localUsers, settings.noticeLimit(),
                    room -> redis.lrange(RedisKeys.history(room), 0, -1),
                    (task, delayMillis) -> heartbeat.schedule(task, delayMillis, TimeUnit.MILLISECONDS));
            subscriptions.addListener(events);
            subscriptions.sync().psubscribe(RedisKeys.ROOM_CHANNELS);
            subscriptions.sync().subscribe(RedisKeys.nodeChannel(node));
            connection.sync().set(RedisKeys.EPOCH, newEpoch(), SetArgs.Builder.nx());
            this.epoch = connection.sync().get(RedisKeys.EPOCH);
        } catch (RuntimeException e) {
            heartbeat.shutdownNow();
            shutdownClient();
            throw e;
        }
    }

    /** What a node needs to join a cluster. */
    public record Settings(String uri, String node, Duration nodeTtl, int historyLength, int noticeLimit,
            int maxRooms) {
    }

    /** Connects to Redis (blocking: call it at start, not on an event loop) and starts the node's heartbeat. */
    public static RedisBackplane connect(Settings settings, ServerMetrics metrics, Clock clock) {
        log.info("connecting to Redis at {} (giving up after {} s)", where(settings.uri()),
                CONNECT_TIMEOUT.toSeconds());
        RedisBackplane backplane = new RedisBackplane(settings, metrics, clock);
        long period = Math.max(100, settings.nodeTtl().toMillis() / 3);
        backplane.beat();
        backplane.heartbeat.scheduleAtFixedRate(backplane::beat, period, period, TimeUnit.MILLISECONDS);
        log.info("cluster node {} on {}, epoch {}", settings.node(), where(settings.uri()), backplane.epoch);
        return backplane;
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public CompletionStage<Boolean> register(String name, Channel channel) {
        String key = Names.userKey(name);
        return redis.eval(RedisScripts.REGISTER, ScriptOutputType.INTEGER,
                        new String[] {RedisKeys.USERS, RedisKeys.nodeUsers(node)}, key, node, name)
                .thenApply(claimed -> {
                    boolean won = ((Long) claimed) == 1L;
                    if (won) {
                        localUsers.put(key, new ClusterEvents.LocalUser(name, channel));
                    }
                    return won;
                });
    }

    @Override
    public void unregister(String name, Channel channel) {
        String key = Names.userKey(name);
        if (localUsers.remove(key, new ClusterEvents.LocalUser(name, channel))) {
            freeName(key, name);
        }
    }

    @Override
    public void undoRegister(String name, Channel channel) {
        String key = Names.userKey(name);
        // Sent behind the register on the same connection; a local session that holds the name keeps it.
        if (!localUsers.containsKey(key)) {
            freeName(key, name);
        }
    }

    private void freeName(String key, String name) {
        redis.eval(RedisScripts.UNREGISTER, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.USERS, RedisKeys.nodeUsers(node)}, key, node, name);
    }

    @Override
    public CompletionStage<JoinResult> join(String room, String user, Channel channel, Long afterId) {
        PendingJoin pending = events.expectJoin(room, user, channel, afterId);
        redis.<List<Object>>eval(RedisScripts.JOIN, ScriptOutputType.MULTI,
                        new String[] {RedisKeys.members(room), RedisKeys.ROOMS, RedisKeys.nodeJoins(node),
                            RedisKeys.history(room), RedisKeys.joinSeq(room), RedisKeys.IDLE},
                        room, user, node, String.valueOf(maxRooms))
                .whenComplete((reply, failure) -> {
                    if (failure != null) {
                        events.abandonJoin(pending, failure);
                    } else if ((Long) reply.get(0) == 0) {
                        events.refuseJoin(pending);
                    } else {
                        events.historyArrived(pending, ClusterEvents.parseLines(reply.subList(1, reply.size())));
                    }
                });
        return pending.result();
    }

    @Override
    public CompletionStage<Void> leave(String room, String user, Channel channel, String reason) {
        return leave(room, user, reason, false);
    }

    @Override
    public void undoJoin(String room, String user, Channel channel) {
        // Sent behind the join on the same connection, so it runs after the join if that ran at all.
        leave(room, user, Left.LEFT, true);
    }

    private CompletionStage<Void> leave(String room, String user, String reason, boolean onlyIfMember) {
        return redis.eval(RedisScripts.LEAVE, ScriptOutputType.INTEGER,
                        new String[] {RedisKeys.members(room), RedisKeys.nodeJoins(node)},
                        room, user, node, reason, onlyIfMember ? "1" : "0")
                .thenApply(done -> null);
    }

    @Override
    public CompletionStage<Long> say(String room, String user, String text, String ref) {
        // The canonical JSON of the message minus its id, which the script assigns.
        String json = MessageJson.toJson(new ChatLine(1, room, user, text, clock.millis()));
        String afterId = json.substring(json.indexOf("\"id\":1,") + "\"id\":1,".length());
        String refKey = RedisKeys.ref(room, Names.userKey(user), ref == null ? "" : ref);
        return redis.eval(RedisScripts.SAY, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.seq(room), RedisKeys.history(room), refKey},
                room, afterId, String.valueOf(historyLength), String.valueOf(REF_LIFETIME.toSeconds()),
                ref == null ? "0" : "1").thenApply(id -> {
                    metrics.chatMessage();
                    return (Long) id;
                });
    }

    @Override
    public CompletionStage<KickResult> kick(String room, String operator, String user) {
        return redis.eval(RedisScripts.KICK, ScriptOutputType.INTEGER,
                        new String[] {RedisKeys.members(room), RedisKeys.USERS},
                        room, operator, Names.userKey(user))
                .thenApply(result -> switch (((Long) result).intValue()) {
                    case 1 -> KickResult.KICKED;
                    case 0 -> KickResult.NOT_OPERATOR;
                    default -> KickResult.NOT_MEMBER;
                });
    }

    @Override
    public CompletionStage<Boolean> directMessage(DirectMessage message) {
        return redis.eval(RedisScripts.DIRECT, ScriptOutputType.INTEGER, new String[] {RedisKeys.USERS},
                Names.userKey(message.to()), MessageJson.toJson(message)).thenApply(sent -> ((Long) sent) == 1L);
    }

    @Override
    public CompletionStage<List<String>> members(String room) {
        return redis.zrange(RedisKeys.members(room), 0, -1)
                .thenApply(names -> names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
    }

    @Override
    public CompletionStage<List<RoomList.Room>> rooms() {
        return redis.<List<Object>>eval(RedisScripts.ROOMS, ScriptOutputType.MULTI, RedisKeys.ROOMS)
                .thenApply(pairs -> {
                    List<RoomList.Room> list = new ArrayList<>();
                    for (int i = 0; i + 1 < pairs.size(); i += 2) {
                        list.add(new RoomList.Room((String) pairs.get(i), ((Long) pairs.get(i + 1)).intValue()));
                    }
                    list.sort((a, b) -> a.name().compareTo(b.name()));
                    return list;
                });
    }

    @Override
    public CompletionStage<List<ChatLine>> history(String room, int limit, Long before, Long after) {
        return redis.lrange(RedisKeys.history(room), 0, -1)
                .thenApply(lines -> HistoryWindow.select(ClusterEvents.parseLines(lines), limit, before, after));
    }

    @Override
    public int localUsers() {
        return localUsers.size();
    }

    @Override
    public boolean isAvailable() {
        return connection.isOpen() && subscriptions.isOpen();
    }

    @Override
    public int localRooms() {
        return rooms.count();
    }

    @Override
    public long localHistoryBytes() {
        return 0;
    }

    /** Keeps this node alive in Redis, re-asserts its names after a Redis restart, and reaps dead nodes. */
    private void beat() {
        if (closed) {
            return;
        }
        redis.set(RedisKeys.alive(node), "1", SetArgs.Builder.px(nodeTtl.toMillis()));
        redis.sadd(RedisKeys.NODES, node);
        redis.set(RedisKeys.EPOCH, newEpoch(), SetArgs.Builder.nx())
                .thenCompose(set -> redis.get(RedisKeys.EPOCH))
                .thenAccept(current -> epoch = current == null ? epoch : current);
        localUsers.forEach((key, user) -> redis.eval(RedisScripts.REGISTER, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.USERS, RedisKeys.nodeUsers(node)}, key, node, user.name()));
        redis.smembers(RedisKeys.NODES).thenAccept(nodes -> nodes.stream().filter(other -> !other.equals(node))
                .forEach(other -> redis.eval(RedisScripts.REAP, ScriptOutputType.INTEGER,
                        new String[] {RedisKeys.NODES}, other)));
    }

    /** Leaves the cluster: this node's names and memberships are released at once rather than on expiry. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.shutdownNow();
        try {
            connection.sync().del(RedisKeys.alive(node));
            connection.sync().sadd(RedisKeys.NODES, node);
            connection.sync().eval(RedisScripts.REAP, ScriptOutputType.INTEGER, new String[] {RedisKeys.NODES}, node);
        } catch (RuntimeException e) {
            log.warn("could not release node {} in Redis: {}", node, e.toString());
        }
        shutdownClient();
    }

    private void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Host and port of a Redis URI, for the log: never its password. */
    public static String where(String uri) {
        RedisURI parsed = RedisURI.create(uri);
        return parsed.getHost() + ":" + parsed.getPort();
    }

    private static String newEpoch() {
        return Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
    }
}
