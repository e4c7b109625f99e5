package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.GetHistory;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.ListRooms;
import org.nettychat.protocol.Members;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.SendDm;
import org.nettychat.protocol.Welcome;
import org.nettychat.protocol.Who;

@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"epoll", "nio"})
class ChatServerIT {

    @Parameter
    String transport;

    private RunningServer running;

    @BeforeEach
    void startServer() throws Exception {
        running = RunningServer.start("--transport", transport, "--motd", "be nice", "--rate", "1000", "--burst",
                "1000");
        assertThat(running.server().transport()).isEqualTo(transport);
    }

    @AfterEach
    void stopServer() {
        running.close();
    }

    private TestClient login(String name) throws InterruptedException {
        return running.login(name);
    }

    private TestClient connect() throws InterruptedException {
        return running.connect();
    }

    @Test
    void hello_whenNameFree_thenWelcomeJoinedLobbyAndHistory() throws Exception {
        TestClient alice = connect();
        alice.send(Hello.of("alice"));
        Welcome welcome = alice.expect(Welcome.class);
        assertThat(welcome.name()).isEqualTo("alice");
        assertThat(welcome.motd()).isEqualTo("be nice");
        assertThat(welcome.protocol()).isEqualTo(1);
        assertThat(alice.expect(Joined.class)).isEqualTo(new Joined("lobby", "alice"));
        assertThat(alice.expect(History.class).room()).isEqualTo("lobby");
    }

    @Test
    void say_whenThreeClientsSendConcurrently_thenAllSeeSameMessagesInSameOrder() throws Exception {
        TestClient a = login("a");
        TestClient b = login("b");
        a.awaitMessage(Joined.class);
        TestClient c = login("c");
        a.awaitMessage(Joined.class);
        b.awaitMessage(Joined.class);
        SameOrder.check(List.of(a, b, c), "lobby", 50);
    }

    @Test
    void say_withRef_thenSenderGetsMessageThenAckWithSameId() throws Exception {
        TestClient alice = login("alice");
        alice.send(new Say("lobby", "hello", "r1"));
        ChatLine line = alice.expect(ChatLine.class);
        assertThat(line.from()).isEqualTo("alice");
        assertThat(line.text()).isEqualTo("hello");
        assertThat(alice.expect(Ack.class)).isEqualTo(new Ack("r1", "lobby", line.id()));
    }

    @Test
    void say_whenRetriedWithSameRef_thenAckedWithSameIdAndNotDeliveredTwice() throws Exception {
        TestClient alice = login("alice");
        TestClient bob = login("bob");
        alice.awaitMessage(Joined.class);
        alice.send(new Say("lobby", "once", "r1"));
        long id = alice.awaitMessage(Ack.class).id();
        alice.send(new Say("lobby", "once", "r1"));
        assertThat(alice.expect(Ack.class).id()).isEqualTo(id);
        alice.send(new Say("lobby", "after", "r2"));
        assertThat(bob.awaitMessage(ChatLine.class).text()).isEqualTo("once");
        assertThat(bob.awaitMessage(ChatLine.class).text()).isEqualTo("after");
    }

    @Test
    void say_whenBodyIsPlainText_thenSaidInCurrentRoom() throws Exception {
        TestClient alice = login("alice");
        alice.send(new Join("dev", "j"));
        alice.awaitMessage(Ack.class);
        alice.sendFrame("", "Hello there");
        ChatLine line = alice.expect(ChatLine.class);
        assertThat(line.room()).isEqualTo("dev");
        assertThat(line.text()).isEqualTo("Hello there");
    }

    @Test
    void say_whenSentAsOwnUser_thenAccepted() throws Exception {
        TestClient alice = login("Jürgen");
        alice.sendFrame("Jürgen", "{\"type\":\"say\",\"text\":\"Grüße 👋\"}");
        assertThat(alice.expect(ChatLine.class).text()).isEqualTo("Grüße 👋");
    }

    @Test
    void joinAndLeave_thenMembersGetNotices() throws Exception {
        TestClient alice = login("alice");
        TestClient bob = login("bob");
        assertThat(alice.expect(Joined.class)).isEqualTo(new Joined("lobby", "bob"));
        bob.send(new Join("Dev", "j1"));
        assertThat(bob.expect(Joined.class)).isEqualTo(new Joined("dev", "bob"));
        assertThat(bob.expect(History.class).room()).isEqualTo("dev");
        assertThat(bob.expect(Ack.class)).isEqualTo(Ack.of("j1"));
        bob.send(new Leave("lobby", "l1"));
        assertThat(alice.expect(Left.class)).isEqualTo(new Left("lobby", "bob", Left.LEFT));
        assertThat(bob.expect(Left.class)).isEqualTo(new Left("lobby", "bob", Left.LEFT));
        assertThat(bob.expect(Ack.class)).isEqualTo(Ack.of("l1"));
        bob.close();
        assertThat(alice.poll(Duration.ofMillis(500))).isNull();
        TestClient carol = login("carol");
        carol.send(new Join("dev", null));
        carol.awaitMessage(History.class);
        carol.close();
        assertThat(alice.awaitMessage(Left.class)).isEqualTo(new Left("lobby", "carol", Left.DISCONNECTED));
    }

    @Test
    void hello_whenNameTakenIgnoringCase_thenNameTakenAndMayRetry() throws Exception {
        login("alice");
        TestClient other = connect();
        other.send(Hello.of("ALICE"));
        other.expectError("name-taken");
        other.send(Hello.of("alice2"));
        assertThat(other.expect(Welcome.class).name()).isEqualTo("alice2");
    }

    @Test
    void hello_whenNameInvalid_thenBadName() throws Exception {
        TestClient client = connect();
        client.send(Hello.of("al\u202eice"));
        client.expectError("bad-name");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void frame_whenUserNamesSomeoneElse_thenImpersonationAndClose() throws Exception {
        login("bob");
        TestClient mallory = login("mallory");
        mallory.sendFrame("bob", "{\"type\":\"say\",\"text\":\"I am bob\"}");
        mallory.awaitMessage(org.nettychat.protocol.ErrorMessage.class);
        assertThat(mallory.awaitClosed()).isTrue();
    }

    @Test
    void hello_whenFrameUserDiffersFromName_thenImpersonationAndClose() throws Exception {
        TestClient mallory = connect();
        mallory.sendFrame("bob", "{\"type\":\"hello\",\"name\":\"mallory\"}");
        mallory.expectError("impersonation");
        assertThat(mallory.awaitClosed()).isTrue();
    }

    @Test
    void dm_whenRecipientOnline_thenDeliveredAndAcked() throws Exception {
        TestClient alice = login("alice");
        TestClient bob = login("bob");
        alice.send(new SendDm("BOB", "psst", "d1"));
        assertThat(alice.awaitMessage(Ack.class)).isEqualTo(Ack.of("d1"));
        DirectMessage dm = bob.awaitMessage(DirectMessage.class);
        assertThat(dm.from()).isEqualTo("alice");
        assertThat(dm.text()).isEqualTo("psst");
        alice.send(new SendDm("nobody", "hello?", "d2"));
        assertThat(alice.awaitMessage(org.nettychat.protocol.ErrorMessage.class).code()).isEqualTo("no-such-user");
    }

    @Test
    void join_thenReceivesRecentHistory() throws Exception {
        TestClient alice = login("alice");
        for (int i = 1; i <= 3; i++) {
            alice.send(new Say("lobby", "line " + i, "s" + i));
            alice.awaitMessage(Ack.class);
        }
        TestClient bob = connect();
        bob.send(Hello.of("bob"));
        bob.expect(Welcome.class);
        bob.expect(Joined.class);
        assertThat(bob.expect(History.class).messages()).extracting(ChatLine::text)
                .containsExactly("line 1", "line 2", "line 3");
    }

    @Test
    void hello_withResume_thenRejoinsAndGetsOnlyWhatWasMissed() throws Exception {
        TestClient alice = login("alice");
        for (int i = 1; i <= 4; i++) {
            alice.send(new Say("lobby", "line " + i, "s" + i));
            alice.awaitMessage(Ack.class);
        }
        TestClient bob = connect();
        bob.send(new Hello("bob", null, Map.of("lobby", 2L), null));
        String epoch = bob.expect(Welcome.class).epoch();
        bob.expect(Joined.class);
        assertThat(bob.expect(History.class).messages()).extracting(ChatLine::id).containsExactly(3L, 4L);

        TestClient carol = connect();
        carol.send(new Hello("carol", null, Map.of("lobby", 2L), epoch));
        assertThat(carol.expect(Welcome.class).epoch()).isEqualTo(epoch);
        carol.expect(Joined.class);
        assertThat(carol.expect(History.class).messages()).extracting(ChatLine::id).containsExactly(3L, 4L);
    }

    @Test
    void hello_withResumeFromAnotherEpoch_thenGetsTheWholeKeptHistory() throws Exception {
        TestClient alice = login("alice");
        for (int i = 1; i <= 3; i++) {
            alice.send(new Say("lobby", "line " + i, "s" + i));
            alice.awaitMessage(Ack.class);
        }
        TestClient bob = connect();
        bob.send(new Hello("bob", null, Map.of("lobby", 7L), "a-server-that-restarted"));
        assertThat(bob.expect(Welcome.class).epoch()).isNotEqualTo("a-server-that-restarted");
        bob.expect(Joined.class);
        assertThat(bob.expect(History.class).messages()).extracting(ChatLine::id).containsExactly(1L, 2L, 3L);
    }

    @Test
    void whoRoomsHistoryPing_thenAnsweredWithRef() throws Exception {
        TestClient alice = login("alice");
        TestClient bob = login("bob");
        alice.awaitMessage(Joined.class);
        alice.send(new Who(null, "w"));
        assertThat(alice.expect(Members.class)).isEqualTo(new Members("lobby", List.of("alice", "bob"), "w"));
        alice.send(new ListRooms("r"));
        assertThat(alice.expect(RoomList.class)).isEqualTo(
                new RoomList(List.of(new RoomList.Room("lobby", 2)), "r"));
        alice.send(new Say(null, "one", null));
        alice.expect(ChatLine.class);
        alice.send(new GetHistory("lobby", 5, null, null, "h"));
        assertThat(alice.expect(History.class).messages()).extracting(ChatLine::text).containsExactly("one");
        alice.send(new Ping("p"));
        assertThat(alice.expect(Pong.class)).isEqualTo(new Pong("p"));
        bob.close();
    }

    @Test
    void say_whenNotMember_thenNotMemberAndConnectionKept() throws Exception {
        TestClient alice = login("alice");
        alice.send(new Say("elsewhere", "hi", "x"));
        assertThat(alice.expectError("not-member").ref()).isEqualTo("x");
        alice.send(new Ping("still-there"));
        assertThat(alice.expect(Pong.class).ref()).isEqualTo("still-there");
    }

    @Test
    void join_whenRoomNameInvalid_thenBadRoom() throws Exception {
        TestClient alice = login("alice");
        alice.send(new Join("no spaces", "j"));
        assertThat(alice.expectError("bad-room").ref()).isEqualTo("j");
    }

    @Test
    void request_beforeHello_thenNotLoggedInAndClose() throws Exception {
        TestClient client = connect();
        client.send(new Join("dev", "j"));
        client.expectError("not-logged-in");
        assertThat(client.awaitClosed()).isTrue();
    }

    @Test
    void garbage_thenBadHeaderAndClose() throws Exception {
        TestClient client = connect();
        client.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.expectError("bad-header");
        assertThat(client.awaitClosed()).isTrue();
    }

    @Test
    void frame_whenDeclaredBodyOverLimit_thenTooLargeBeforeBodyAndClose() throws Exception {
        TestClient client = connect();
        client.sendRaw("0       99999999".getBytes(StandardCharsets.US_ASCII));
        assertThat(client.expectError("too-large").text()).contains("99999999");
        assertThat(client.awaitClosed()).isTrue();
    }

    @Test
    void json_whenInvalidOrUnknown_thenErrorAndConnectionKept() throws Exception {
        TestClient alice = login("alice");
        alice.sendFrame("", "{\"type\":\"say\",");
        alice.expectError("bad-json");
        alice.sendFrame("", "{\"type\":\"shout\"}");
        alice.expectError("unknown-type");
        alice.sendFrame("", "{\"type\":\"say\"}");
        alice.expectError("bad-message");
        alice.send(new Ping("alive"));
        assertThat(alice.expect(Pong.class).ref()).isEqualTo("alive");
    }

    @Test
    void room_whenLastMemberLeavesAndReturns_thenHistoryAndIdsContinue() throws Exception {
        TestClient alice = login("alice");
        alice.send(new Join("dev", "j1"));
        alice.awaitMessage(Ack.class);
        alice.send(new Say("dev", "first", "s1"));
        assertThat(alice.awaitMessage(Ack.class).id()).isEqualTo(1L);
        alice.send(new Leave("dev", "l1"));
        alice.awaitMessage(Ack.class);
        alice.send(new Join("dev", "j2"));
        alice.awaitMessage(Joined.class);
        assertThat(alice.expect(History.class).messages()).extracting(ChatLine::text).containsExactly("first");
        alice.awaitMessage(Ack.class);
        alice.send(new Say("dev", "second", "s2"));
        assertThat(alice.awaitMessage(Ack.class).id()).isEqualTo(2L);
    }
}
