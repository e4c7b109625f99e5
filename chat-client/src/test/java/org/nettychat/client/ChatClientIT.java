package org.nettychat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nettychat.client.testserver.FakeChatServer;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.Say;

@Timeout(120)
class ChatClientIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private FakeChatServer server;
    private final List<ChatSession> sessions = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = FakeChatServer.start();
    }

    @AfterEach
    void stopAll() {
        sessions.forEach(ChatSession::close);
        server.close();
    }

    private ChatSession connect(String name, ChatListener listener) {
        ChatSession session = ChatClient.builder()
                .host("127.0.0.1").port(server.port()).name(name).listener(listener)
                .build().connect().orTimeout(30, TimeUnit.SECONDS).join();
        sessions.add(session);
        return session;
    }

    private static <T> T answer(CompletableFuture<T> future) {
        return future.orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Test
    void connect_whenServerWelcomes_thenSessionIsInDefaultRoom() {
        ChatSession alice = connect("alice", new RecordingListener());

        assertThat(alice.isConnected()).isTrue();
        await().atMost(WAIT).until(() -> alice.currentRoom().isPresent());
        assertThat(alice.currentRoom()).contains("lobby");
        assertThat(alice.joinedRooms()).containsExactly("lobby");
    }

    @Test
    void say_whenServerAcks_thenCompletesWithMessageId() {
        ChatSession alice = connect("alice", new RecordingListener());

        assertThat(answer(alice.say("lobby", "one"))).isEqualTo(1L);
        assertThat(answer(alice.say("lobby", "two"))).isEqualTo(2L);
    }

    @Test
    void say_whenSeveralSent_thenListenerGetsThemInOrderOnListenerThread() {
        RecordingListener bobEvents = new RecordingListener();
        ChatSession alice = connect("alice", new RecordingListener());
        connect("bob", bobEvents);

        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            acks.add(alice.say("lobby", "line " + i));
        }
        acks.forEach(ChatClientIT::answer);

        await().atMost(WAIT).until(() -> bobEvents.lines.size() == 20);
        assertThat(bobEvents.lines).extracting(ChatLine::id).isSorted().doesNotHaveDuplicates();
        assertThat(bobEvents.texts()).startsWith("line 1", "line 2").endsWith("line 20");
        assertThat(bobEvents.lines).allMatch(line -> line.from().equals("alice"));
        assertThat(bobEvents.threads).allMatch(thread -> thread.startsWith("chat-client-listener"));
    }

    @Test
    void say_whenServerRefuses_thenFailsWithChatExceptionCarryingErrorCode() {
        ChatSession alice = connect("alice", new RecordingListener());

        assertThatThrownBy(() -> answer(alice.say("elsewhere", "hello")))
                .cause()
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).contains(ErrorCode.NOT_MEMBER));
    }

    @Test
    void say_whenLargerThanServerAccepts_thenFailsWithoutBeingSent() {
        server.maxBodyBytes(100);
        ChatSession alice = connect("alice", new RecordingListener());

        assertThatThrownBy(() -> answer(alice.say("lobby", "x".repeat(200))))
                .cause()
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).contains(ErrorCode.TOO_LARGE));
        assertThat(answer(alice.say("lobby", "short"))).isEqualTo(1L);
    }

    @Test
    void join_whenAcked_thenBacklogArrivedFirstAndRoomIsCurrent() {
        server.post("dev", "carol", "earlier");
        RecordingListener events = new RecordingListener();
        ChatSession alice = connect("alice", events);

        answer(alice.join("Dev"));

        assertThat(events.backlog).extracting(ChatLine::text).containsExactly("earlier");
        assertThat(events.events).contains("joined dev alice", "backlog dev");
        assertThat(alice.currentRoom()).contains("dev");
        assertThat(answer(alice.say("hi"))).isEqualTo(2L);
    }

    @Test
    void leave_whenAcked_thenRoomIsGoneAndPreviousRoomIsCurrent() {
        ChatSession alice = connect("alice", new RecordingListener());
        answer(alice.join("dev"));

        answer(alice.leave("dev"));

        assertThat(alice.joinedRooms()).containsExactly("lobby");
        assertThat(alice.currentRoom()).contains("lobby");
    }

    @Test
    void who_rooms_history_whenAsked_thenCompleteWithTheServersAnswers() {
        ChatSession alice = connect("alice", new RecordingListener());
        connect("bob", new RecordingListener());
        answer(alice.say("lobby", "one"));
        answer(alice.say("lobby", "two"));

        assertThat(answer(alice.who("lobby"))).containsExactly("alice", "bob");
        assertThat(answer(alice.rooms())).containsExactly(new RoomList.Room("lobby", 2));
        assertThat(answer(alice.history("lobby", 1))).extracting(ChatLine::text).containsExactly("two");
    }

    @Test
    void dm_whenRecipientOnline_thenRecipientGetsIt() {
        RecordingListener bobEvents = new RecordingListener();
        ChatSession alice = connect("alice", new RecordingListener());
        connect("bob", bobEvents);

        answer(alice.dm("bob", "psst"));

        await().atMost(WAIT).until(() -> bobEvents.dms.size() == 1);
        assertThat(bobEvents.dms.get(0).from()).isEqualTo("alice");
        assertThat(bobEvents.dms.get(0).text()).isEqualTo("psst");
    }

    @Test
    void dm_whenRecipientOffline_thenFailsWithNoSuchUser() {
        ChatSession alice = connect("alice", new RecordingListener());

        assertThatThrownBy(() -> answer(alice.dm("nobody", "hello")))
                .cause()
                .isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).contains(ErrorCode.NO_SUCH_USER));
    }

    @Test
    void connect_whenNameTaken_thenFailsWithNameTaken() {
        connect("alice", new RecordingListener());

        CompletableFuture<ChatSession> second = ChatClient.builder()
                .host("127.0.0.1").port(server.port()).name("ALICE").build().connect();

        assertThatThrownBy(() -> answer(second))
                .cause()
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.code()).contains(ErrorCode.NAME_TAKEN);
                    assertThat(e.isLoginRefused()).isTrue();
                });
    }

    @Test
    void connect_whenNothingListens_thenFailsWithoutErrorCode() {
        int port = server.port();
        server.stop();

        CompletableFuture<ChatSession> attempt = ChatClient.builder()
                .host("127.0.0.1").port(port).name("alice").build().connect();

        assertThatThrownBy(() -> answer(attempt))
                .cause()
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEmpty());
    }

    @Test
    void ping_whenServerPings_thenClientAnswersWithSameRef() {
        connect("alice", new RecordingListener());

        server.pingAll("idle");

        await().atMost(WAIT).until(() -> server.received().contains(new Pong("idle")));
    }

    @Test
    void room_whenRoomsGivenToBuilder_thenSessionStartsInThemInsteadOfDefault() {
        ChatSession alice = ChatClient.builder()
                .host("127.0.0.1").port(server.port()).name("alice").room("dev")
                .build().connect().orTimeout(30, TimeUnit.SECONDS).join();
        sessions.add(alice);

        await().atMost(WAIT).until(() -> alice.currentRoom().isPresent());
        assertThat(alice.joinedRooms()).containsExactly("dev");
    }

    @Test
    void request_afterClose_failsOffTheSessionsEventLoop() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            ChatSession session = ChatClient.builder().host("127.0.0.1").port(server.port()).name("alice")
                    .eventLoopGroup(group).build().connect().orTimeout(30, TimeUnit.SECONDS).join();
            session.close();
            String loopThread = group.submit(() -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS);
            CountDownLatch release = new CountDownLatch(1);
            group.execute(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            CompletableFuture<Long> late = session.say("lobby", "too late");
            CompletableFuture<String> completedOn = late.handle((id, failure) -> Thread.currentThread().getName());
            release.countDown();

            assertThat(late).failsWithin(WAIT).withThrowableThat().withMessageContaining("session is closed");
            assertThat(completedOn.get(30, TimeUnit.SECONDS)).isNotEqualTo(loopThread);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void isEnded_whenLoginIsRefusedOnAReconnect_thenTrueBeforeTheFailedRequestsComplete() {
        ChatSession alice = connect("alice", new RecordingListener());
        server.holdSays(true);
        CompletableFuture<Long> held = alice.say("lobby", "held");
        await().atMost(WAIT).until(() -> server.received().stream().anyMatch(m -> m instanceof Say));
        assertThat(alice.isEnded()).isFalse();
        CompletableFuture<Boolean> endedWhenFailed = held.handle((id, failure) -> alice.isEnded());

        server.refuseLogins(true);
        server.dropConnections();

        assertThat(endedWhenFailed.orTimeout(60, TimeUnit.SECONDS).join()).isTrue();
    }

    @Test
    void motd_whenTheServerAnnouncesOne_thenTheSessionHasIt() {
        ChatSession plain = connect("alice", new RecordingListener());
        server.motd("welcome to the fake");
        ChatSession told = connect("bob", new RecordingListener());

        assertThat(plain.motd()).isEmpty();
        assertThat(told.motd()).contains("welcome to the fake");
    }

    @Test
    void say_whenRefusedForTheRateLimit_thenSentAgainInTheOrderTheyWereMade() {
        server.announceRate(50);
        ChatSession alice = connect("alice", new RecordingListener());
        server.refuseSays(3);
        List<CompletableFuture<Long>> said = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            said.add(alice.say("lobby", "line " + i));
        }

        List<Long> ids = said.stream().map(ChatClientIT::answer).toList();
        List<String> sent = server.received().stream().filter(m -> m instanceof Say).map(m -> ((Say) m).text())
                .toList();
        assertThat(sent).hasSize(8);
        assertThat(sent.stream().distinct()).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
        // Which says the refusals hit depends on whether they come back before the next say goes out; either way the
        // ones sent again land in the order they were made.
        List<Long> retriedIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (Collections.frequency(sent, "line " + i) > 1) {
                retriedIds.add(ids.get(i));
            }
        }
        assertThat(retriedIds).isNotEmpty().isSorted();
    }
}
