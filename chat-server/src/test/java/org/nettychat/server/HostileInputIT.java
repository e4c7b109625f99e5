package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.GetHistory;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Kick;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Who;

/**
 * Hostile clients, each answered with its documented error or close, while a well-behaved pair keeps chatting: after
 * every attack the bystanders still exchange a message.
 */
class HostileInputIT {

    private RunningServer running;
    private TestClient alice;
    private TestClient bob;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start("--hello-timeout", "2s", "--max-connections-per-ip", "20",
                "--max-frame", "65536");
        alice = running.login("alice");
        bob = running.login("bob");
        alice.awaitMessage(org.nettychat.protocol.Joined.class);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private void bystandersStillChat() throws InterruptedException {
        String text = "still fine " + System.nanoTime();
        alice.send(new Say("lobby", text, null));
        assertThat(bob.awaitMessage(ChatLine.class).text()).isEqualTo(text);
    }

    private static byte[] frame(String user, String body) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[16 + u.length + b.length];
        System.arraycopy(String.format("%-8d", u.length).getBytes(StandardCharsets.US_ASCII), 0, out, 0, 8);
        System.arraycopy(u, 0, out, 8, u.length);
        System.arraycopy(String.format("%-8d", b.length).getBytes(StandardCharsets.US_ASCII), 0, out, 8 + u.length, 8);
        System.arraycopy(b, 0, out, 16 + u.length, b.length);
        return out;
    }

    @Test
    void randomBytes_thenBadHeaderAndClose() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            garbage[0] = 'x';
            TestClient attacker = running.connect();
            attacker.sendRaw(garbage);
            attacker.expectError("bad-header");
            assertThat(attacker.awaitClosed()).isTrue();
        }
        bystandersStillChat();
    }

    @Test
    void headerDeclaring99999999Bytes_thenTooLargeAtOnce() throws Exception {
        TestClient attacker = running.connect();
        attacker.sendRaw("0       99999999".getBytes(StandardCharsets.US_ASCII));
        attacker.expectError("too-large");
        assertThat(attacker.awaitClosed()).isTrue();
        bystandersStillChat();
    }

    @Test
    void frameCutOffAndConnectionDropped_thenNothingHappensToOthers() throws Exception {
        TestClient attacker = running.login("cutter");
        byte[] whole = frame("", "{\"type\":\"say\",\"text\":\"never finished\"}");
        attacker.sendRaw(java.util.Arrays.copyOf(whole, whole.length / 2));
        attacker.close();
        assertThat(alice.awaitMessage(org.nettychat.protocol.Left.class).user()).isEqualTo("cutter");
        bystandersStillChat();
    }

    @Test
    void slowTrickleBeforeHello_thenClosedByTheHelloTimeout() throws Exception {
        TestClient slowloris = running.connect();
        byte[] hello = frame("", "{\"type\":\"hello\",\"name\":\"slow\"}");
        slowloris.sendRaw(new byte[] {hello[0]});
        assertThat(slowloris.awaitMessage(Bye.class).reason()).isEqualTo(Bye.HELLO_TIMEOUT);
        assertThat(slowloris.awaitClosed()).isTrue();
        bystandersStillChat();
    }

    @Test
    void invalidUtf8Body_thenBadEncodingAndConnectionKept() throws Exception {
        TestClient attacker = running.login("mojibake");
        byte[] bad = frame("", "xx");
        bad[16] = (byte) 0xc3;
        bad[17] = (byte) 0x28;
        attacker.sendRaw(bad);
        attacker.expectError("bad-encoding");
        assertThat(attacker.isOpen()).isTrue();
        bystandersStillChat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nesting", "number", "duplicate", "types"})
    void hostileJson_thenDocumentedErrorAndConnectionKept(String kind) throws Exception {
        TestClient attacker = running.login("json-" + kind);
        String body = switch (kind) {
            case "nesting" -> "{\"type\":\"say\",\"text\":\"x\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
            case "number" -> "{\"type\":\"history\",\"limit\":" + "9".repeat(5_000) + "}";
            case "duplicate" -> "{\"type\":\"say\",\"text\":\"a\",\"text\":\"b\"}";
            default -> "{\"type\":\"say\",\"text\":{\"nested\":true}}";
        };
        attacker.sendRaw(frame("", body));
        ErrorMessage error = attacker.expect(ErrorMessage.class);
        assertThat(error.code()).isIn("bad-json", "bad-message");
        assertThat(attacker.isOpen()).isTrue();
        bystandersStillChat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"say", "leave", "kick", "who", "history", "join"})
    void requestNamingAnInvalidRoom_thenBadRoomWithItsRefAndConnectionKept(String type) throws Exception {
        TestClient sender = running.login("rooms-" + type);
        String room = "x".repeat(33);
        ClientMessage request = switch (type) {
            case "say" -> new Say(room, "hi", "q1");
            case "leave" -> new Leave(room, "q1");
            case "kick" -> new Kick(room, "bob", "q1");
            case "who" -> new Who(room, "q1");
            case "history" -> new GetHistory(room, null, null, null, "q1");
            default -> new Join(room, "q1");
        };
        sender.send(request);
        ErrorMessage error = sender.expect(ErrorMessage.class);
        assertThat(error.code()).isEqualTo("bad-room");
        assertThat(error.ref()).isEqualTo("q1");
        assertThat(sender.isOpen()).isTrue();
    }

    @Test
    void dmToANameLongerThanAnyUser_thenBadMessageAndConnectionKept() throws Exception {
        TestClient sender = running.login("sender");
        String thirtyFourBytes = "\u00e9".repeat(17);
        sender.sendRaw(frame("", "{\"type\":\"dm\",\"to\":\"" + thirtyFourBytes + "\",\"text\":\"hi\",\"ref\":\"d1\"}"));
        assertThat(sender.expect(ErrorMessage.class).code()).isEqualTo("bad-message");
        assertThat(sender.isOpen()).isTrue();
        bystandersStillChat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"al\u0007ice", "\u202eecila", "p\u0430ypal", "bob\u200b", "\u001b[2Jbob", " bob"})
    void hostileNames_thenBadName(String name) throws Exception {
        TestClient attacker = running.connect();
        attacker.send(Hello.of(name));
        attacker.expectError("bad-name");
        bystandersStillChat();
    }

    @Test
    void joinLeaveStorm_thenRateLimitedThenDisconnectedForFlooding() throws Exception {
        TestClient stormer = running.login("stormer");
        for (int i = 0; i < 2_000 && stormer.isOpen(); i++) {
            stormer.sendWithoutWaiting(i % 2 == 0 ? new Join("storm", null) : new Leave("storm", null));
        }
        assertRateLimitedThenFloodedOut(stormer);
    }

    @Test
    void malformedFrameStorm_thenRateLimitedThenDisconnectedForFlooding() throws Exception {
        TestClient stormer = running.login("garbler");
        byte[] malformed = frame("", "{\"type\":");
        for (int i = 0; i < 2_000 && stormer.isOpen(); i++) {
            stormer.sendRawWithoutWaiting(malformed);
        }
        assertRateLimitedThenFloodedOut(stormer);
    }

    @Test
    void pingStormBeforeLogin_thenRateLimitedThenDisconnectedForFlooding() throws Exception {
        TestClient stormer = running.connect();
        for (int i = 0; i < 2_000 && stormer.isOpen(); i++) {
            stormer.sendWithoutWaiting(new Ping("p" + i));
        }
        assertRateLimitedThenFloodedOut(stormer);
    }

    /** {@code stormer} gets rate-limited answers, then bye flood and the close, while the others chat on. */
    private void assertRateLimitedThenFloodedOut(TestClient stormer) throws InterruptedException {
        boolean rateLimited = false;
        ServerMessage next;
        while ((next = stormer.poll(TestClient.TIMEOUT)) != null && !(next instanceof Bye)) {
            rateLimited |= next instanceof ErrorMessage error && error.code().equals("rate-limited");
        }
        assertThat(rateLimited).isTrue();
        assertThat(next).isEqualTo(new Bye(Bye.FLOOD));
        assertThat(stormer.awaitClosed()).isTrue();
        bystandersStillChat();
    }

    @Test
    void connectionStormOverThePerAddressLimit_thenServerFullForTheRest() throws Exception {
        List<TestClient> storm = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            TestClient client = running.connect();
            storm.add(client);
        }
        for (TestClient client : storm) {
            ServerMessage first = client.poll(Duration.ofSeconds(5));
            if (first instanceof ErrorMessage error && error.code().equals("server-full")) {
                refused++;
                assertThat(client.awaitClosed()).isTrue();
            }
        }
        // Two connections (alice, bob) were held before the storm: 18 more fit under the limit of 20.
        assertThat(refused).isEqualTo(40 - 18);
        bystandersStillChat();
        alice.send(new Say("lobby", "acked", "final"));
        assertThat(alice.awaitMessage(Ack.class).ref()).isEqualTo("final");
    }
}
