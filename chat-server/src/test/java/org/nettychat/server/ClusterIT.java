package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.ListRooms;
import org.nettychat.protocol.Members;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.SendDm;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;
import org.nettychat.protocol.Who;

/** Several server nodes on one real Redis. */
@Tag("redis")
class ClusterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RedisServer redis;
    private final List<RunningServer> nodes = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        nodes.forEach(RunningServer::close);
        redis.close();
    }

    private RunningServer node(String id, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--redis", redis.uri(), "--node-id", id, "--node-ttl", "2s",
                "--rate", "10000", "--burst", "10000"));
        args.addAll(List.of(flags));
        RunningServer node = RunningServer.start(args.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    @Test
    void say_whenSendersOnEveryNode_thenEveryoneSeesTheSameMessagesInTheSameOrder() throws Exception {
        List<TestClient> clients = List.of(node("n1").login("a"), node("n2").login("b"), node("n3").login("c"));
        for (TestClient client : clients) {
            await().atMost(TestClient.TIMEOUT).until(() -> whoInLobby(client).size() == 3);
        }
        SameOrder.check(clients, "lobby", 30);
    }

    @Test
    void hello_whenNameHeldOnAnotherNode_thenNameTaken() throws Exception {
        node("n1").login("alice");
        TestClient other = node("n2").connect();
        other.send(Hello.of("ALICE"));
        other.expectError("name-taken");
    }

    @Test
    void join_onAnotherNode_thenSameHistoryAndMembersCoverTheCluster() throws Exception {
        RunningServer n1 = node("n1");
        RunningServer n2 = node("n2");
        TestClient alice = n1.login("alice");
        alice.send(new Say("lobby", "one", "s1"));
        alice.awaitMessage(Ack.class);
        alice.send(new Say("lobby", "two", "s2"));
        alice.awaitMessage(Ack.class);
        TestClient bob = n2.connect();
        bob.send(Hello.of("bob"));
        bob.expect(Welcome.class);
        assertThat(bob.expect(Joined.class)).isEqualTo(new Joined("lobby", "bob"));
        assertThat(bob.expect(History.class).messages()).extracting(ChatLine::text).containsExactly("one", "two");
        assertThat(alice.awaitMessage(Joined.class)).isEqualTo(new Joined("lobby", "bob"));
        assertThat(whoInLobby(bob)).containsExactly("alice", "bob");
        bob.send(new ListRooms("r"));
        assertThat(bob.awaitMessage(RoomList.class).rooms()).containsExactly(new RoomList.Room("lobby", 2));
    }

    @Test
    void hello_withResumeOnAnotherNode_thenGetsExactlyWhatWasMissed() throws Exception {
        RunningServer n1 = node("n1");
        RunningServer n2 = node("n2");
        TestClient alice = n1.login("alice");
        TestClient bob = n1.login("bob");
        alice.send(new Say("lobby", "seen", "s1"));
        long seen = bob.awaitMessage(ChatLine.class).id();
        bob.close();
        assertThat(alice.awaitMessage(Left.class).user()).isEqualTo("bob");
        for (int i = 1; i <= 3; i++) {
            alice.send(new Say("lobby", "missed " + i, "m" + i));
            alice.awaitMessage(Ack.class);
        }
        TestClient back = n2.connect();
        back.send(new Hello("bob", null, Map.of("lobby", seen), null));
        back.expect(Welcome.class);
        back.expect(Joined.class);
        assertThat(back.expect(History.class).messages()).extracting(ChatLine::text)
                .containsExactly("missed 1", "missed 2", "missed 3");
    }

    @Test
    void dm_toUserOnAnotherNode_thenDelivered() throws Exception {
        TestClient alice = node("n1").login("alice");
        TestClient bob = node("n2").login("bob");
        alice.send(new SendDm("bob", "across", "d1"));
        assertThat(alice.awaitMessage(Ack.class)).isEqualTo(Ack.of("d1"));
        DirectMessage dm = bob.awaitMessage(DirectMessage.class);
        assertThat(dm.from()).isEqualTo("alice");
        assertThat(dm.text()).isEqualTo("across");
    }

    @Test
    void node_whenKilled_thenItsUsersLeaveAndTheirNamesAreFreed() throws Exception {
        RunningServer n1 = node("n1");
        TestClient alice = n1.login("alice");
        Process doomed = launchNode("doomed");
        try {
            int port = MainProcess.awaitPort(doomed);
            TestClient ghost = n1.track(TestClient.login(new java.net.InetSocketAddress("127.0.0.1", port), "ghost"));
            assertThat(alice.awaitMessage(Joined.class).user()).isEqualTo("ghost");
            doomed.destroyForcibly();
            assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Left left = alice.awaitMessage(Left.class);
            assertThat(left).isEqualTo(new Left("lobby", "ghost", Left.DISCONNECTED));
            assertThat(whoInLobby(alice)).containsExactly("alice");
            n1.login("ghost");
            ghost.close();
        } finally {
            doomed.destroyForcibly();
        }
    }

    @Test
    void redis_whenDownAndBack_thenHealthSaysSoWhileItIsAway() throws Exception {
        RunningServer n1 = node("n1");
        assertThat(admin(n1, "/health").statusCode()).isEqualTo(200);
        redis.kill();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> health = admin(n1, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("backplane unavailable\n");
        });
        assertThat(admin(n1, "/metrics").body()).contains("chat_backplane_up 0");
        redis.launch();
        await().atMost(Duration.ofSeconds(60)).until(() -> admin(n1, "/health").statusCode() == 200);
        assertThat(admin(n1, "/metrics").body()).contains("chat_backplane_up 1");
    }

    private static HttpResponse<String> admin(RunningServer node, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.server().adminPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void redis_whenDownAndBack_thenClientsStayAndSaysAreRefusedThenWork() throws Exception {
        TestClient alice = node("n1").login("alice");
        redis.kill();
        alice.send(new Say("lobby", "into the void", "v1"));
        ErrorMessage refused = alice.awaitMessage(ErrorMessage.class);
        assertThat(refused.code()).isEqualTo("unavailable");
        assertThat(refused.ref()).isEqualTo("v1");
        alice.send(new ListRooms("r1"));
        assertThat(alice.awaitMessage(ErrorMessage.class)).isEqualTo(
                ErrorMessage.of(ErrorCode.UNAVAILABLE, "cannot do that right now, retry later", "r1"));
        assertThat(alice.isOpen()).isTrue();
        redis.launch();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            alice.send(new Say("lobby", "back", "b" + System.nanoTime()));
            ServerMessage answer = alice.poll(Duration.ofSeconds(5));
            assertThat(answer).isInstanceOf(ChatLine.class);
        });
    }

    @Test
    void redis_whenDownDuringAJoinAndALeave_thenRetryingBothDoesThemForReal() throws Exception {
        TestClient alice = node("n1").login("alice");
        redis.kill();
        alice.send(new Join("dev", "j0"));
        assertThat(answerTo(alice, "j0")).isEqualTo(
                ErrorMessage.of(ErrorCode.UNAVAILABLE, "cannot do that right now, retry later", "j0"));
        alice.send(new Leave("lobby", "l0"));
        assertThat(answerTo(alice, "l0")).isInstanceOf(ErrorMessage.class);
        redis.launch();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String ref = "j" + System.nanoTime();
            alice.send(new Join("dev", ref));
            assertThat(answerTo(alice, ref)).isInstanceOf(Ack.class);
        });
        assertThat(whoIn(alice, "dev")).containsExactly("alice");
        String ref = "l" + System.nanoTime();
        alice.send(new Leave("lobby", ref));
        assertThat(answerTo(alice, ref)).isInstanceOf(Ack.class);
        assertThat(whoIn(alice, "lobby")).isEmpty();
    }

    @Test
    void join_whenRedisRunsItOnlyAfterItTimedOut_thenItIsTakenBackAndLeavesNoGhost() throws Exception {
        RunningServer node = node("n1", "--node-ttl", "60s");
        TestClient alice = node.login("alice");
        TestClient bob = node.login("bob");
        bob.send(new Join("dev", "b"));
        assertThat(answerTo(bob, "b")).isInstanceOf(Ack.class);

        pauseRedis(Duration.ofSeconds(6));
        alice.send(new Join("dev", "j"));
        assertThat(answerTo(alice, "j")).isInstanceOfSatisfying(ErrorMessage.class,
                error -> assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE.wireName()));

        // Redis runs the join once the pause is over, and its undo right behind it.
        assertThat(firstMatching(bob, Joined.class::isInstance)).isEqualTo(new Joined("dev", "alice"));
        assertThat(firstMatching(bob, Left.class::isInstance)).isEqualTo(new Left("dev", "alice", Left.LEFT));
        assertThat(whoIn(bob, "dev")).containsExactly("bob");
        alice.send(new Join("dev", "j2"));
        assertThat(answerTo(alice, "j2")).isInstanceOf(Ack.class);
        assertThat(whoIn(bob, "dev")).containsExactly("alice", "bob");
    }

    @Test
    void hello_whenRedisRunsTheRegisterOnlyAfterItTimedOut_thenTheNameIsFreeAgain() throws Exception {
        RunningServer node = node("n1", "--node-ttl", "60s");

        pauseRedis(Duration.ofSeconds(6));
        TestClient carol = node.connect();
        carol.send(Hello.of("carol"));
        assertThat(carol.awaitMessage(ErrorMessage.class).code()).isEqualTo(ErrorCode.UNAVAILABLE.wireName());
        carol.close();

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (TestClient again = node.connect()) {
                again.send(Hello.of("carol"));
                ServerMessage answer = again.poll(Duration.ofSeconds(10));
                if (answer instanceof ErrorMessage error) {
                    assertThat(error.code()).isNotEqualTo(ErrorCode.NAME_TAKEN.wireName());
                }
                return answer instanceof Welcome;
            }
        });
    }

    @Test
    void join_whenTheClusterKeepsItsMostRooms_thenTheRoomThatEmptiedFirstIsForgotten() throws Exception {
        RunningServer n1 = node("n1", "--max-rooms", "3", "--node-ttl", "60s");
        RunningServer n2 = node("n2", "--max-rooms", "3", "--node-ttl", "60s");
        TestClient alice = n1.login("alice");
        acknowledged(alice, new Join("old", "j1"), "j1");
        acknowledged(alice, new Say("old", "before", "s1"), "s1");
        acknowledged(alice, new Leave("old", "l1"), "l1");
        TestClient bob = n2.login("bob");
        acknowledged(bob, new Join("new", "j2"), "j2");
        assertThat(redisKeys()).contains("chat:room:old:history", "chat:room:old:seq");

        // Lobby, new and the idle old make three: a fourth room takes old's place.
        acknowledged(bob, new Join("newer", "j3"), "j3");
        // Only the says' refs stay, until they expire.
        assertThat(redisKeys()).filteredOn(key -> key.startsWith("chat:room:old:"))
                .containsExactly("chat:room:old:ref:alice\ns1");
        // None idle now: no room for a fifth, from either node.
        alice.send(new Join("fifth", "j4"));
        assertThat(answerTo(alice, "j4")).isEqualTo(ErrorMessage.of(
                ErrorCode.TOO_MANY_ROOMS, "the server holds as many rooms as it may", "j4"));

        // Once new is idle, old can be created again: afresh, without history, its ids from 1.
        acknowledged(bob, new Leave("new", "l2"), "l2");
        alice.send(new Join("old", "j5"));
        assertThat(firstMatching(alice, next -> next instanceof History history && history.room().equals("old")))
                .isEqualTo(new History("old", List.of(), null));
        alice.send(new Say("old", "after", "s2"));
        assertThat(answerTo(alice, "s2")).isEqualTo(new Ack("s2", "old", 1L));
        assertThat(redisKeys()).noneMatch(key -> key.startsWith("chat:room:new:"));
    }

    @Test
    void join_onANodeWithFewerMostRooms_thenIdleRoomsGoUntilTheNewOneFits() throws Exception {
        TestClient alice = node("n1", "--max-rooms", "3", "--node-ttl", "60s").login("alice");
        for (String room : List.of("a", "b")) {
            acknowledged(alice, new Join(room, "j" + room), "j" + room);
            acknowledged(alice, new Leave(room, "l" + room), "l" + room);
        }
        assertThat(redisKeys()).contains("chat:room:a:joinseq", "chat:room:b:joinseq");

        TestClient bob = node("n2", "--max-rooms", "2", "--node-ttl", "60s").login("bob");
        acknowledged(bob, new Join("c", "jc"), "jc");

        assertThat(redisKeys()).noneMatch(key -> key.startsWith("chat:room:a:") || key.startsWith("chat:room:b:"));
    }

    @Test
    void hello_resumingARoomForgottenAndCreatedAgain_thenGetsAllItKeeps() throws Exception {
        TestClient alice = node("n1", "--max-rooms", "2", "--node-ttl", "60s").login("alice");
        acknowledged(alice, new Join("old", "j1"), "j1");
        acknowledged(alice, new Say("old", "before", "s1"), "s1");
        acknowledged(alice, new Say("old", "before too", "s2"), "s2");
        acknowledged(alice, new Leave("old", "l1"), "l1");
        acknowledged(alice, new Join("new", "j2"), "j2");
        acknowledged(alice, new Leave("new", "l2"), "l2");
        acknowledged(alice, new Join("old", "j3"), "j3");
        alice.send(new Say("old", "after", "s3"));
        assertThat(answerTo(alice, "s3")).isEqualTo(new Ack("s3", "old", 1L));

        // Bob saw up to id 2 of the room before it was forgotten.
        TestClient bob = node("n2", "--max-rooms", "2", "--node-ttl", "60s").connect();
        bob.send(new Hello("bob", null, Map.of("old", 2L), null));
        assertThat(firstMatching(bob, next -> next instanceof History history && history.room().equals("old")))
                .isInstanceOfSatisfying(History.class, history -> assertThat(history.messages())
                        .extracting(ChatLine::text).containsExactly("after"));
    }

    private static void acknowledged(TestClient client, ClientMessage request, String ref)
            throws InterruptedException {
        client.send(request);
        assertThat(answerTo(client, ref)).isInstanceOf(Ack.class);
    }

    /** The keys Redis holds now. */
    private List<String> redisKeys() {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys("*");
        } finally {
            client.shutdown();
        }
    }

    /**
     * Holds every Redis client's commands for {@code duration}: a command sent within {@code duration} less the
     * server's command timeout (2 s) of the pause's start times out before Redis runs it.
     */
    private void pauseRedis(Duration duration) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().clientPause(duration.toMillis());
        } finally {
            client.shutdown();
        }
    }

    /** The answer that carries {@code ref}, skipping the events before it (at most 30 s). */
    private static ServerMessage answerTo(TestClient client, String ref) throws InterruptedException {
        return firstMatching(client, next -> (next instanceof Ack ack && ref.equals(ack.ref()))
                || (next instanceof ErrorMessage error && ref.equals(error.ref())));
    }

    private static List<String> whoIn(TestClient client, String room) throws InterruptedException {
        String ref = "w" + System.nanoTime();
        client.send(new Who(room, ref));
        return ((Members) firstMatching(client, next -> next instanceof Members members && ref.equals(members.ref())))
                .users();
    }

    private static ServerMessage firstMatching(TestClient client, Predicate<ServerMessage> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            ServerMessage next = client.poll(Duration.ofSeconds(5));
            if (next != null && wanted.test(next)) {
                return next;
            }
        }
        throw new AssertionError("nothing wanted arrived within 30 s");
    }

    private Process launchNode(String id) throws Exception {
        return MainProcess.launch(List.of("--port", "0", "--admin-port", "-1", "--redis", redis.uri(),
                "--node-id", id, "--node-ttl", "2s"));
    }

    private static List<String> whoInLobby(TestClient client) throws InterruptedException {
        client.send(new Who("lobby", "who"));
        return client.awaitMessage(Members.class).users();
    }

    @Test
    void kick_ofAUserOnAnotherNode_thenRemovedEverywhere() throws Exception {
        TestClient alice = node("n1").login("alice");
        TestClient bob = node("n2").login("bob");
        await().atMost(TestClient.TIMEOUT).until(() -> whoInLobby(alice).size() == 2);
        bob.send(new org.nettychat.protocol.Kick("lobby", "alice", "k0"));
        assertThat(bob.awaitMessage(ErrorMessage.class).code()).isEqualTo("not-operator");
        alice.send(new org.nettychat.protocol.Kick("lobby", "bob", "k1"));
        assertThat(alice.awaitMessage(Ack.class).ref()).isEqualTo("k1");
        assertThat(bob.awaitMessage(Left.class)).isEqualTo(new Left("lobby", "bob", Left.KICKED));
        bob.send(new Say("lobby", "still here?", "s"));
        assertThat(bob.awaitMessage(ErrorMessage.class).code()).isEqualTo("not-member");
        assertThat(whoInLobby(alice)).containsExactly("alice");
    }
}
