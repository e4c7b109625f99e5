package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;

class LimitsIT {

    private RunningServer running;
    private ChatServer server;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    private void start(String... flags) throws Exception {
        running = RunningServer.start(flags);
        server = running.server();
    }

    private TestClient login(String name) throws InterruptedException {
        return running.login(name);
    }

    private TestClient connect() throws InterruptedException {
        return running.connect();
    }

    /** Connects and waits until the server has admitted the connection (it answers a ping). */
    private TestClient admitted() throws InterruptedException {
        TestClient client = connect();
        client.send(new Ping("admitted?"));
        client.expect(Pong.class);
        return client;
    }

    @Test
    void welcome_announcesTheRateLimit() throws Exception {
        start("--rate", "7", "--burst", "12");
        TestClient alice = connect();
        alice.send(Hello.of("alice"));
        Welcome welcome = alice.expect(Welcome.class);
        assertThat(welcome.rate()).isEqualTo(7);
        assertThat(welcome.burst()).isEqualTo(12);
    }

    @Test
    void history_whenTheNodesHistoryMemoryIsFull_thenItsOldestMessagesAreDroppedWhateverTheirRoom() throws Exception {
        start("--history-memory", "1", "--rate", "1000", "--burst", "1000");
        TestClient alice = login("alice");
        // 40 messages in each room, of 10,000 characters: about 20 KB each kept, 1.6 MB in all against 1 MiB.
        for (String room : List.of("old", "new")) {
            alice.send(new Join(room, "j-" + room));
            alice.awaitMessage(Ack.class);
            for (int i = 1; i <= 40; i++) {
                alice.send(new Say(room, String.format("%02d", i) + "x".repeat(9_998), room + i));
                assertThat(alice.awaitMessage(Ack.class).ref()).isEqualTo(room + i);
            }
        }

        TestClient bob = login("bob");
        bob.send(new Join("new", null));
        bob.awaitMessage(Joined.class);
        assertThat(bob.expect(History.class).messages()).extracting(ChatLine::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        bob.send(new Join("old", null));
        bob.awaitMessage(Joined.class);
        List<Long> oldKept = bob.expect(History.class).messages().stream().map(ChatLine::id).toList();
        assertThat(oldKept).isNotEmpty().hasSizeLessThan(20).endsWith(40L);
        assertThat(oldKept).containsExactlyElementsOf(LongStream.rangeClosed(41 - oldKept.size(), 40).boxed().toList());
        String historyBytes = server.metrics().render().lines().filter(line -> line.startsWith("chat_history_bytes "))
                .findFirst().orElseThrow();
        assertThat(Long.parseLong(historyBytes.substring(historyBytes.indexOf(' ') + 1)))
                .isGreaterThan(40 * 20_000L).isLessThanOrEqualTo(1 << 20);
    }

    @Test
    void rate_whenBurstExceeded_thenRateLimitedAndRequestNotCarriedOut() throws Exception {
        start("--rate", "1", "--burst", "3");
        TestClient alice = login("alice");
        for (int i = 0; i < 5; i++) {
            alice.send(new Say("lobby", "m" + i, "r" + i));
        }
        int accepted = 0;
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 5 + 3; i++) {
            ServerMessage next = alice.poll(TestClient.TIMEOUT);
            if (next instanceof Ack) {
                accepted++;
            } else if (next instanceof ErrorMessage error) {
                assertThat(error.code()).isEqualTo("rate-limited");
                refused.add(error.ref());
            }
            if (accepted + refused.size() == 5) {
                break;
            }
        }
        assertThat(accepted).isEqualTo(3);
        assertThat(refused).containsExactly("r3", "r4");
        assertThat(server.metrics().render()).contains("chat_rate_limited_total 2");
    }

    @Test
    void rate_whenAbuseSustained_thenByeFloodAndClose() throws Exception {
        start("--rate", "1", "--burst", "1");
        TestClient flooder = login("flooder");
        for (int i = 0; i < 150; i++) {
            flooder.sendWithoutWaiting(new Ping("p" + i));
        }
        assertThat(flooder.awaitMessage(Bye.class).reason()).isEqualTo(Bye.FLOOD);
        assertThat(flooder.awaitClosed()).isTrue();
    }

    @Test
    void hello_whenNotSentInTime_thenByeHelloTimeoutAndClose() throws Exception {
        start("--hello-timeout", "300ms");
        TestClient silent = connect();
        assertThat(silent.expect(Bye.class).reason()).isEqualTo(Bye.HELLO_TIMEOUT);
        assertThat(silent.awaitClosed()).isTrue();
    }

    @Test
    void idle_whenClientSilent_thenPingedThenClosed() throws Exception {
        start("--idle-timeout", "600ms");
        TestClient silent = login("silent");
        assertThat(silent.expect(Ping.class).ref()).isEqualTo("idle");
        assertThat(silent.expect(Bye.class).reason()).isEqualTo(Bye.IDLE_TIMEOUT);
        assertThat(silent.awaitClosed()).isTrue();
    }

    @Test
    void idle_whenClientAnswersPing_thenStaysConnected() throws Exception {
        start("--idle-timeout", "600ms");
        TestClient alive = login("alive");
        for (int i = 0; i < 3; i++) {
            Ping ping = alive.expect(Ping.class);
            alive.send(new Pong(ping.ref()));
        }
        assertThat(alive.isOpen()).isTrue();
    }

    @Test
    void connections_whenOverPerAddressLimit_thenServerFullAndClose() throws Exception {
        start("--max-connections-per-ip", "2");
        admitted();
        TestClient second = admitted();
        TestClient third = connect();
        third.expectError("server-full");
        assertThat(third.awaitClosed()).isTrue();
        second.close();
        second.awaitClosed();
        org.awaitility.Awaitility.await().atMost(TestClient.TIMEOUT).untilAsserted(() -> {
            TestClient again = connect();
            again.send(new Ping("in"));
            assertThat(again.poll(Duration.ofSeconds(5))).isInstanceOf(Pong.class);
        });
    }

    @Test
    void connections_whenOverTotalLimit_thenServerFull() throws Exception {
        start("--max-connections", "1");
        admitted();
        TestClient second = connect();
        second.expectError("server-full");
        assertThat(second.awaitClosed()).isTrue();
    }

    @Test
    void slowConsumer_whenClientStopsReading_thenDisconnectedAndOthersKeepChatting() throws Exception {
        start("--rate", "100000", "--burst", "100000", "--slow-consumer-timeout", "1s");
        TestClient slow = running.track(TestClient.connect(server.address(), false));
        slow.send(Hello.of("slow"));
        TestClient sender = login("sender");
        TestClient reader = login("reader");
        sender.awaitMessage(Joined.class);
        String text = "x".repeat(8000);
        int sent = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!server.metrics().render().contains("chat_slow_consumer_disconnects_total 1")
                && sent < 20_000 && System.nanoTime() < deadline) {
            sender.send(new Say("lobby", text, null));
            sent++;
            assertThat(reader.awaitMessage(ChatLine.class).text()).hasSize(8000);
        }
        assertThat(server.metrics().render()).contains("chat_slow_consumer_disconnects_total 1");
        // A client that does not read cannot see the close until it reads again.
        slow.channel().config().setAutoRead(true);
        assertThat(slow.awaitClosed()).isTrue();
        sender.send(new Say("lobby", "still here", "after"));
        assertThat(reader.awaitMessage(ChatLine.class).text()).isIn(text, "still here");
        assertThat(sender.awaitMessage(Ack.class).ref()).isEqualTo("after");
    }

    @Test
    void rooms_whenNodeHoldsMaximum_thenEmptyRoomForgottenOrJoinRefused() throws Exception {
        start("--max-rooms", "2");
        TestClient alice = login("alice");
        alice.send(new org.nettychat.protocol.Join("dev", "j1"));
        alice.awaitMessage(Ack.class);
        alice.send(new org.nettychat.protocol.Join("third", "j2"));
        assertThat(alice.awaitMessage(ErrorMessage.class).code()).isEqualTo("too-many-rooms");
        alice.send(new org.nettychat.protocol.Leave("dev", "l1"));
        alice.awaitMessage(Ack.class);
        alice.send(new org.nettychat.protocol.Join("third", "j3"));
        assertThat(alice.awaitMessage(Ack.class).ref()).isEqualTo("j3");
    }

    @Test
    void resume_withRoomsItCannotJoin_thenEachIsRefusedByNameBeforeTheOthersAreJoinedInOrder() throws Exception {
        start("--max-rooms-per-user", "2");
        TestClient alice = connect();
        java.util.Map<String, Long> resume = new java.util.LinkedHashMap<>();
        resume.put("b", 0L);
        resume.put("bad room", 0L);
        resume.put("a", 0L);
        resume.put("c", 0L);
        alice.send(new Hello("alice", null, resume, null));

        alice.expect(Welcome.class);
        assertThat(alice.expect(ErrorMessage.class)).satisfies(error -> {
            assertThat(error.code()).isEqualTo("bad-room");
            assertThat(error.text()).contains("\"bad room\"");
        });
        assertThat(alice.expect(ErrorMessage.class)).satisfies(error -> {
            assertThat(error.code()).isEqualTo("too-many-rooms");
            assertThat(error.text()).isEqualTo("already in 2 rooms, so not in c");
        });
        assertThat(alice.expect(Joined.class).room()).isEqualTo("b");
        assertThat(alice.expect(History.class).room()).isEqualTo("b");
        assertThat(alice.expect(Joined.class).room()).isEqualTo("a");
        assertThat(alice.expect(History.class).room()).isEqualTo("a");
    }

    @Test
    void resume_ofARoomForgottenAndCreatedAgain_thenGetsTheNewRoomsWholeHistory() throws Exception {
        start("--max-rooms", "2");
        TestClient alice = login("alice");
        acknowledged(alice, new org.nettychat.protocol.Join("dev", "j1"));
        for (int i = 1; i <= 3; i++) {
            acknowledged(alice, new Say("dev", "old " + i, "s" + i));
        }
        acknowledged(alice, new org.nettychat.protocol.Leave("dev", "l1"));
        acknowledged(alice, new org.nettychat.protocol.Join("third", "j2"));
        acknowledged(alice, new org.nettychat.protocol.Leave("third", "l2"));
        acknowledged(alice, new org.nettychat.protocol.Join("dev", "j3"));
        assertThat(acknowledged(alice, new Say("dev", "new 1", "n1")).id()).isEqualTo(1L);

        TestClient bob = connect();
        bob.send(new Hello("bob", null, java.util.Map.of("dev", 3L), null));
        bob.expect(Welcome.class);
        bob.expect(Joined.class);
        assertThat(bob.expect(org.nettychat.protocol.History.class).messages()).extracting(ChatLine::text)
                .containsExactly("new 1");
    }

    /** Sends {@code request} and waits for its ack. */
    private static Ack acknowledged(TestClient client, org.nettychat.protocol.ClientMessage request)
            throws InterruptedException {
        client.send(request);
        Ack ack = client.awaitMessage(Ack.class);
        assertThat(ack.ref()).isEqualTo(request.ref());
        return ack;
    }

    @Test
    void notices_whenRoomAboveNoticeLimit_thenOnlyTheJoinerAndLeaverHear() throws Exception {
        start("--notice-limit", "1");
        TestClient alice = login("alice");
        TestClient bob = login("bob");
        bob.send(new org.nettychat.protocol.Leave("lobby", "l"));
        assertThat(bob.expect(org.nettychat.protocol.Left.class).user()).isEqualTo("bob");
        bob.expect(Ack.class);
        alice.send(new Say("lobby", "nothing before this", null));
        assertThat(alice.expect(ChatLine.class).text()).isEqualTo("nothing before this");
    }
}
