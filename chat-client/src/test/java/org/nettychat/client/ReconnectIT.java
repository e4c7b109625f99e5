package org.nettychat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nettychat.client.testserver.FakeChatServer;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.Say;

@Timeout(120)
class ReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ReconnectPolicy FAST =
            new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 0.5, Integer.MAX_VALUE);
    private static final ReconnectPolicy SLOW =
            new ReconnectPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 0, Integer.MAX_VALUE);

    private FakeChatServer server;
    private ChatSession session;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void startServer() {
        server = FakeChatServer.start();
    }

    @AfterEach
    void stopAll() {
        if (session != null) {
            session.close();
        }
        server.close();
    }

    private ChatSession connect(ReconnectPolicy policy) {
        session = ChatClient.builder()
                .host("127.0.0.1").port(server.port()).name("alice")
                .reconnectPolicy(policy).listener(events)
                .build().connect().orTimeout(30, TimeUnit.SECONDS).join();
        await().atMost(WAIT).until(() -> events.events.contains("backlog lobby"));
        return session;
    }

    private static <T> T answer(CompletableFuture<T> future) {
        return future.orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Test
    void reconnect_whenServerRestarts_thenNoMessageLostOrDuplicatedAndUnackedSayResent() {
        connect(FAST);
        answer(session.say("lobby", "one"));
        server.post("lobby", "bob", "two");
        await().atMost(WAIT).until(() -> events.lines.size() == 2);
        server.holdSays(true);
        CompletableFuture<Long> three = session.say("lobby", "three");
        await().atMost(WAIT).until(() -> server.received().stream().anyMatch(m -> m instanceof Say s
                && s.text().equals("three")));

        server.stop();
        await().atMost(WAIT).until(() -> events.events.contains("disconnected"));
        server.post("lobby", "bob", "four");
        server.holdSays(false);
        server.restart();

        assertThat(answer(three)).isEqualTo(4L);
        await().atMost(WAIT).until(() -> events.lines.size() == 4);
        assertThat(events.lines).extracting(ChatLine::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.texts()).containsExactly("one", "two", "four", "three");
        assertThat(events.events).containsSubsequence("disconnected", "reconnected");
        List<Say> threes = server.received().stream()
                .filter(m -> m instanceof Say s && s.text().equals("three")).map(Say.class::cast).toList();
        assertThat(threes).hasSize(2);
        assertThat(threes.get(1).ref()).isEqualTo(threes.get(0).ref());
        assertThat(server.received()).filteredOn(Hello.class::isInstance).last()
                .isEqualTo(new Hello("alice", null, java.util.Map.of("lobby", 2L), FakeChatServer.EPOCH));
    }

    @Test
    void reconnect_whenAckWasLost_thenResentSayGetsOriginalIdAndArrivesOnce() {
        connect(FAST);
        server.dropAcks(true);
        CompletableFuture<Long> said = session.say("lobby", "only once");
        await().atMost(WAIT).until(() -> events.lines.size() == 1);

        server.dropAcks(false);
        server.dropConnections();

        assertThat(answer(said)).isEqualTo(1L);
        server.post("lobby", "bob", "after");
        await().atMost(WAIT).until(() -> events.lines.size() == 2);
        assertThat(events.texts()).containsExactly("only once", "after");
    }

    @Test
    void reconnect_whenRequestsMadeWhileDisconnected_thenSentAfterLogin() {
        connect(FAST);
        server.stop();
        await().atMost(WAIT).until(() -> !session.isConnected());

        CompletableFuture<Void> joined = session.join("dev");
        CompletableFuture<Long> said = session.say("dev", "hello dev");
        server.restart();

        answer(joined);
        assertThat(answer(said)).isEqualTo(1L);
        assertThat(session.joinedRooms()).containsExactly("lobby", "dev");
    }

    @Test
    void bye_whenServerDrains_thenReconnectsAtOnceDespiteLongBackoff() {
        connect(SLOW);
        assertThat(server.connectionCount()).isEqualTo(1);

        server.drain();

        await().atMost(WAIT).until(() -> events.events.contains("reconnected"));
        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(session.isConnected()).isTrue();
        assertThat(answer(session.say("lobby", "still here"))).isEqualTo(1L);
    }

    @Test
    void close_whenCalled_thenDoesNotReconnectAndPendingFails() {
        connect(FAST);
        server.holdSays(true);
        CompletableFuture<Long> held = session.say("lobby", "never answered");
        await().atMost(WAIT).until(() -> server.received().stream().anyMatch(Say.class::isInstance));

        answer(session.closeAsync());

        assertThat(events.events).last().isEqualTo("closed closed");
        assertThatThrownBy(held::join).cause().isInstanceOf(ChatException.class);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> server.connectionCount() == 1);
        assertThat(session.isConnected()).isFalse();
    }

    @Test
    void reconnect_whenPolicyDisabled_thenSessionClosesOnLostConnection() {
        connect(ReconnectPolicy.DISABLED);

        server.dropConnections();

        await().atMost(WAIT).until(() -> events.events.stream().anyMatch(e -> e.startsWith("closed")));
        assertThat(events.events).containsSubsequence("disconnected", "closed gave up after 0 reconnect attempts"
                + " (connection closed)");
        assertThatThrownBy(() -> answer(session.say("lobby", "too late"))).cause()
                .isInstanceOf(ChatException.class);
    }
}
