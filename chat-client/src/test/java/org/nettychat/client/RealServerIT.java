package org.nettychat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.server.ChatServer;
import org.nettychat.server.ServerOptions;

/** The client API against the real chat server on an ephemeral port. */
@Timeout(120)
class RealServerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ReconnectPolicy FAST =
            new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(500), 0.5, Integer.MAX_VALUE);

    private ChatServer server;
    private final List<ChatSession> sessions = new CopyOnWriteArrayList<>();

    private ChatServer startServer(int port, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--admin-port", "-1"));
        args.addAll(List.of(flags));
        return new ChatServer(ServerOptions.parse(args, Map.of())).start();
    }

    @AfterEach
    void stop() {
        sessions.forEach(ChatSession::close);
        server.stop();
    }

    private ChatSession connect(String name, ChatListener listener) {
        ChatSession session = ChatClient.builder().host("127.0.0.1").port(server.port()).name(name)
                .reconnectPolicy(FAST).listener(listener).build().connect().orTimeout(30, TimeUnit.SECONDS).join();
        sessions.add(session);
        return session;
    }

    private static <T> T answer(CompletableFuture<T> future) {
        return future.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Records what a listener receives. */
    private static final class Inbox implements ChatListener {
        final List<ChatLine> lines = new CopyOnWriteArrayList<>();
        final List<DirectMessage> dms = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(ChatLine line) {
            lines.add(line);
        }

        @Override
        public void onDirectMessage(DirectMessage message) {
            dms.add(message);
        }

        List<String> texts() {
            return lines.stream().map(ChatLine::text).toList();
        }
    }

    @Test
    void sayWhoDm_againstTheRealServer_thenWorkEndToEnd() throws Exception {
        server = startServer(0);
        Inbox aliceInbox = new Inbox();
        Inbox bobInbox = new Inbox();
        ChatSession alice = connect("alice", aliceInbox);
        ChatSession bob = connect("bob", bobInbox);

        long id = answer(alice.say("lobby", "hello bob"));
        await().atMost(WAIT).until(() -> bobInbox.texts().contains("hello bob"));
        assertThat(bobInbox.lines).extracting(ChatLine::id).contains(id);
        assertThat(answer(bob.who("lobby"))).containsExactly("alice", "bob");
        answer(bob.dm("alice", "psst"));
        await().atMost(WAIT).until(() -> aliceInbox.dms.size() == 1);
        assertThat(aliceInbox.dms.get(0).from()).isEqualTo("bob");
    }

    @Test
    void connect_completesOnceTheSessionIsInItsRoom_soItCanSayAtOnce() throws Exception {
        server = startServer(0);
        ChatSession alice = connect("alice", new Inbox());

        assertThat(alice.currentRoom()).contains("lobby");
        assertThat(alice.joinedRooms()).containsExactly("lobby");
        assertThat(answer(alice.say("first words"))).isPositive();
    }

    @Test
    void say_manyAtOnceUnderATightRateLimit_thenPacedAndAllAcknowledgedInOrder() throws Exception {
        server = startServer(0, "--rate", "10", "--burst", "40");
        Inbox inbox = new Inbox();
        ChatSession alice = connect("alice", inbox);
        List<CompletableFuture<Long>> said = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            texts.add("line " + i);
            said.add(alice.say("lobby", "line " + i));
        }

        for (CompletableFuture<Long> ack : said) {
            assertThat(answer(ack)).isPositive();
        }
        await().atMost(WAIT).until(() -> inbox.lines.size() == texts.size());
        assertThat(inbox.texts()).containsExactlyElementsOf(texts);
    }

    @Test
    void reconnect_acrossARealServerRestart_thenNothingTypedIsLostOrDuplicated() throws Exception {
        server = startServer(0);
        int port = server.port();
        Inbox inbox = new Inbox();
        ChatSession alice = connect("alice", inbox);
        answer(alice.say("lobby", "before"));

        server.stop();
        await().atMost(WAIT).until(() -> !alice.isConnected());
        CompletableFuture<Long> typedWhileDown = alice.say("lobby", "while down");
        server = startServer(port);

        assertThat(answer(typedWhileDown)).isPositive();
        await().atMost(WAIT).until(() -> inbox.texts().contains("while down"));
        assertThat(alice.isConnected()).isTrue();
        answer(alice.say("lobby", "after"));
        await().atMost(WAIT).until(() -> inbox.texts().contains("after"));
        assertThat(inbox.texts()).containsExactly("before", "while down", "after");
    }

    @Test
    void kick_byTheRoomsOperator_thenTheKickedSessionIsOutOfTheRoom() throws Exception {
        server = startServer(0);
        ChatSession alice = connect("alice", new Inbox());
        ChatSession bob = connect("bob", new Inbox());
        assertThat(bob.kick("lobby", "alice")).failsWithin(WAIT).withThrowableThat()
                .withMessageContaining("not-operator");
        answer(alice.kick("lobby", "bob"));
        await().atMost(WAIT).until(() -> !bob.joinedRooms().contains("lobby"));
        assertThat(bob.say("lobby", "let me back")).failsWithin(WAIT).withThrowableThat()
                .withMessageContaining("not-member");
    }
}
