package org.nettychat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nettychat.client.ChatClient;
import org.nettychat.client.ChatSession;
import org.nettychat.client.RecordingListener;
import org.nettychat.client.testserver.FakeChatServer;

@Timeout(120)
class CommandsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private FakeChatServer server;
    private ChatSession alice;
    private ChatSession bob;
    private final RecordingListener bobEvents = new RecordingListener();
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private Commands commands;

    @BeforeEach
    void connect() {
        server = FakeChatServer.start();
        alice = connect("alice", new RecordingListener());
        bob = connect("bob", bobEvents);
        await().atMost(WAIT).until(() -> alice.currentRoom().isPresent());
        commands = new Commands(alice, new LineFormat(LineFormat.Style.PLAIN), printed::add, WAIT);
    }

    @AfterEach
    void close() {
        alice.close();
        bob.close();
        server.close();
    }

    private ChatSession connect(String name, RecordingListener listener) {
        return ChatClient.builder().host("127.0.0.1").port(server.port()).name(name).listener(listener)
                .build().connect().orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Test
    void line_typedAtAPromptShowingAnotherRoom_thenGoesToTheRoomShownNotTheCurrentOne() {
        assertThat(commands.execute("/join dev", null)).isTrue();
        assertThat(alice.currentRoom()).contains("dev");

        commands.execute("meant for the lobby", "lobby");

        await().atMost(WAIT).until(() -> server.received().stream()
                .anyMatch(m -> m.toString().contains("room=lobby, text=meant for the lobby")));
    }

    @Test
    void join_whenAcked_thenCurrentRoomChangesAndLinesGoThere() {
        assertThat(commands.execute("/join dev", null)).isTrue();

        assertThat(alice.currentRoom()).contains("dev");
        commands.execute("hello dev", null);
        await().atMost(WAIT).until(() -> server.received().stream()
                .anyMatch(m -> m.toString().contains("room=dev, text=hello dev")));
    }

    @Test
    void commands_whenGivenMoreThanTheyTake_thenPrintUsageAndDoNothing() {
        commands.execute("/join my room", null);
        commands.execute("/history 5 dev", null);
        commands.execute("/kick bob spam", null);

        assertThat(printed).containsExactly(
                "cannot do that: usage: /join <room> (\"room\" is too much)",
                "cannot do that: usage: /history [count] (\"dev\" is too much)",
                "cannot do that: usage: /kick <user> (\"spam\" is too much)");
        assertThat(alice.joinedRooms()).containsExactly("lobby");
        assertThat(server.received()).noneMatch(m -> m.toString().contains("room=my"));
    }

    @Test
    void history_whenTheCountIsNoNumber_thenPrintsUsage() {
        commands.execute("/history abc", null);
        commands.execute("/history 0", null);

        assertThat(printed).containsExactly(
                "cannot do that: usage: /history [count], a count from 1 to 1000",
                "cannot do that: usage: /history [count], a count from 1 to 1000");
    }

    @Test
    void kick_whenCarriedOut_thenSaysSo() {
        commands.execute("/kick bob", null);

        assertThat(printed).containsExactly("kicked bob from lobby");
        await().atMost(WAIT).until(() -> !server.members("lobby").contains("bob"));
    }

    @Test
    void input_whenAPasteHoldsSeveralLines_thenEachIsAMessageAndOnlyTheFirstMayBeACommand() {
        commands.execute("/join dev\nfirst line\n\n/leave dev", null);

        await().atMost(WAIT).until(() -> server.received().stream()
                .filter(m -> m.toString().contains("room=dev, text=first line")
                        || m.toString().contains("room=dev, text=/leave dev"))
                .count() == 2);
        assertThat(alice.joinedRooms()).containsExactly("lobby", "dev");
    }

    @Test
    void input_whenAPastedMsgGoesOnForSeveralLines_thenTheyAllGoToThatUserAndNoneToTheRoom() {
        commands.execute("/msg bob my key is:\nhunter2", null);

        await().atMost(WAIT).until(() -> bobEvents.dms.stream().anyMatch(dm -> dm.text().equals("hunter2")));
        assertThat(printed).containsExactly("-> bob: my key is:", "-> bob: hunter2");
        assertThat(server.received()).noneMatch(m -> m.toString().contains("Say") && m.toString().contains("hunter2"));
    }

    @Test
    void leave_whenNoRoomGiven_thenLeavesCurrentRoom() {
        commands.execute("/join dev", null);

        commands.execute("/leave", null);

        assertThat(alice.joinedRooms()).containsExactly("lobby");
    }

    @Test
    void text_whenPlainOrEscapedSlash_thenSaidInCurrentRoom() {
        commands.execute("plain words", null);
        commands.execute("//shrug", null);

        await().atMost(WAIT).until(() -> bobEvents.lines.size() == 2);
        assertThat(bobEvents.texts()).containsExactly("plain words", "/shrug");
    }

    @Test
    void msg_whenRecipientOnline_thenDeliveredAndConfirmed() {
        commands.execute("/msg bob see you at noon", null);

        await().atMost(WAIT).until(() -> bobEvents.dms.size() == 1);
        assertThat(bobEvents.dms.get(0).text()).isEqualTo("see you at noon");
        assertThat(printed).contains("-> bob: see you at noon");
    }

    @Test
    void who_rooms_history_whenAsked_thenPrintTheAnswers() {
        alice.say("lobby", "earlier").orTimeout(30, TimeUnit.SECONDS).join();

        commands.execute("/who", null);
        commands.execute("/rooms", null);
        commands.execute("/history 5", null);

        assertThat(printed).containsExactly("lobby: alice, bob", "lobby (2)", "[lobby] alice: earlier");
    }

    @Test
    void errors_whenServerRefusesOrUsageWrong_thenPrintedAndSessionGoesOn() {
        commands.execute("/msg nobody hi", null);
        commands.execute("/join", null);
        commands.execute("/frobnicate", null);

        assertThat(printed).hasSize(3);
        assertThat(printed.get(0)).contains("no-such-user");
        assertThat(printed.get(1)).contains("usage: /join <room>");
        assertThat(printed.get(2)).contains("unknown command /frobnicate");
        assertThat(alice.isConnected()).isTrue();
    }

    @Test
    void quit_whenTyped_thenStopsReading() {
        assertThat(commands.execute("/help", null)).isTrue();
        assertThat(printed.get(0)).contains("/join", "/leave", "/msg", "/who", "/rooms", "/history", "/quit");

        assertThat(commands.execute("/quit", null)).isFalse();
    }
}
