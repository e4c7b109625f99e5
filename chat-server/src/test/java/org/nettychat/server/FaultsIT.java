package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.ServerMessage;

/** Faults in the middle of traffic: nothing that was acknowledged may be lost. */
@Tag("redis")
class FaultsIT {

    private RedisServer redis;
    private RunningServer survivor;
    private Process doomed;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.startPersistent();
        survivor = RunningServer.start("--redis", redis.uri(), "--node-id", "survivor", "--node-ttl", "2s",
                "--history", "1000", "--rate", "100000", "--burst", "100000");
    }

    @AfterEach
    void stop() throws Exception {
        if (doomed != null) {
            doomed.destroyForcibly();
        }
        survivor.close();
        redis.close();
    }

    @Test
    void nodeKilledMidTraffic_thenEveryAcknowledgedMessageReachesTheSurvivorsInOrder() throws Exception {
        doomed = MainProcess.launch(List.of("--port", "0", "--admin-port", "-1", "--redis", redis.uri(),
                "--node-id", "doomed", "--node-ttl", "2s", "--history", "1000", "--rate", "100000",
                "--burst", "100000"));
        int doomedPort = MainProcess.awaitPort(doomed);
        TestClient alice = survivor.login("alice");
        TestClient bob = survivor.login("bob");
        TestClient ghost = survivor.track(TestClient.login(new InetSocketAddress("127.0.0.1", doomedPort), "ghost"));

        Thread chatter = new Thread(() -> {
            for (int i = 0; i < 2_000 && ghost.isOpen(); i++) {
                ghost.sendWithoutWaiting(new Say("lobby", "ghost " + i, null));
            }
        });
        chatter.start();
        List<Long> acked = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            if (i == 50) {
                doomed.destroyForcibly();
            }
            alice.send(new Say("lobby", "alice " + i, "a" + i));
            acked.add(awaitAck(alice, "a" + i));
        }
        chatter.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertReceivesInOrder(bob, acked);
    }

    @Test
    void redisRestartedMidTraffic_thenMembersOnOtherNodesStillGetEveryAcknowledgedMessage() throws Exception {
        RunningServer other = RunningServer.start("--redis", redis.uri(), "--node-id", "other", "--node-ttl", "2s",
                "--history", "1000", "--rate", "100000", "--burst", "100000");
        try {
            TestClient alice = survivor.login("alice");
            TestClient bob = other.login("bob");
            List<Long> acked = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                if (i == 20) {
                    redis.stop();
                    redis.launch();
                }
                acked.add(sayUntilAcked(alice, "a" + i));
            }
            assertReceivesInOrder(bob, acked);
        } finally {
            other.close();
        }
    }

    /** Says with {@code ref} until acknowledged; while Redis is away the answer is unavailable, retried with the ref. */
    private static long sayUntilAcked(TestClient client, String ref) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            client.send(new Say("lobby", "text " + ref, ref));
            while (true) {
                ServerMessage next = client.awaitMessage(ServerMessage.class);
                if (next instanceof Ack ack && ref.equals(ack.ref())) {
                    return ack.id();
                }
                if (next instanceof org.nettychat.protocol.ErrorMessage error && ref.equals(error.ref())) {
                    assertThat(error.code()).isEqualTo("unavailable");
                    break;
                }
            }
        }
        throw new AssertionError(ref + " was never acknowledged");
    }

    /** {@code member} receives every id in {@code acked}, each chat line's id following the one before it. */
    private static void assertReceivesInOrder(TestClient member, List<Long> acked) throws InterruptedException {
        List<Long> seen = new ArrayList<>();
        long last = 0;
        while (!seen.containsAll(acked)) {
            ChatLine line = member.awaitMessage(ChatLine.class);
            if (last != 0) {
                assertThat(line.id()).as("id after %d", last).isEqualTo(last + 1);
            }
            last = line.id();
            seen.add(line.id());
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    private static long awaitAck(TestClient client, String ref) throws InterruptedException {
        while (true) {
            ServerMessage next = client.awaitMessage(ServerMessage.class);
            if (next instanceof Ack ack && ref.equals(ack.ref())) {
                return ack.id();
            }
        }
    }
}
