package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;

/**
 * Many clients joining, leaving, saying and dropping at once, under the leak detector at paranoid. Ids in a room have
 * no gaps on one node, so a member received every message of its room exactly once and in order exactly when, from
 * the history it got on joining, each message's id is the previous one plus one. At the end every member must see a
 * last message in each of its rooms, and the heap after collection must be back near where it started.
 *
 * <p>Runs {@value #DEFAULT_SECONDS} s; {@code -Dsoak.seconds=N} runs longer, {@code -Dsoak.clients=N} with more clients.
 */
class SoakIT {

    static final int DEFAULT_SECONDS = 30;
    private static final List<String> ROOMS = List.of("lobby", "dev", "ops", "fun");
    private static final long HEAP_SLACK_BYTES = 64L * 1024 * 1024;

    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    /** Chat lines checked against their predecessor: the test is only worth something when this is large. */
    private final AtomicLong checkedLines = new AtomicLong();

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void soak_whenClientsChurn_thenEveryMemberSeesEveryMessageOnceInOrder() throws Exception {
        int seconds = Integer.getInteger("soak.seconds", DEFAULT_SECONDS);
        int clients = Integer.getInteger("soak.clients", 100);
        long heapBefore;
        // The clients share two decoding threads under the paranoid leak detector and fall behind the server; a new
        // client's hello can wait behind that backlog longer than the default hello timeout, which is not under test.
        try (RunningServer running = RunningServer.start("--rate", "100000", "--burst", "100000",
                "--notice-limit", "100000", "--max-connections-per-ip", "100000", "--hello-timeout", "60s")) {
            heapBefore = usedHeapAfterGc();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            ConcurrentLinkedQueue<Member> survivors = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < clients; i++) {
                int id = i;
                Thread thread = new Thread(() -> churn(running, "u" + id, new Random(id), deadline, survivors),
                        "soak-" + i);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(seconds + 120));
            }
            assertThat(problems).isEmpty();
            finish(running, new ArrayList<>(survivors));
            assertThat(problems).isEmpty();
            assertThat(checkedLines.get()).as("chat lines checked").isGreaterThan(10L * clients);
            survivors.forEach(member -> member.client.close());
        }
        assertThat(usedHeapAfterGc()).isLessThan(heapBefore + HEAP_SLACK_BYTES);
    }

    /** One client's life: a session that says, joins, leaves and sometimes drops, until the deadline. */
    private void churn(RunningServer running, String name, Random random, long deadline,
            ConcurrentLinkedQueue<Member> survivors) {
        try {
            Member member = Member.login(running, name, this);
            int refs = 0;
            while (System.nanoTime() < deadline && problems.isEmpty()) {
                int dice = random.nextInt(100);
                if (dice < 70 && !member.rooms.isEmpty()) {
                    String room = pick(random, new ArrayList<>(member.rooms.keySet()));
                    String ref = name + "-" + refs++;
                    member.client.send(new Say(room, "from " + name, ref));
                    member.awaitAck(ref);
                } else if (dice < 82) {
                    String room = pick(random, ROOMS);
                    if (!member.rooms.containsKey(room)) {
                        String ref = name + "-" + refs++;
                        member.client.send(new Join(room, ref));
                        member.awaitAck(ref);
                    }
                } else if (dice < 94 && member.rooms.size() > 1) {
                    String room = pick(random, new ArrayList<>(member.rooms.keySet()));
                    String ref = name + "-" + refs++;
                    member.client.send(new Leave(room, ref));
                    member.awaitAck(ref);
                } else if (dice >= 97) {
                    member.client.close();
                    member = Member.login(running, name, this);
                }
            }
            survivors.add(member);
        } catch (Throwable e) {
            problems.add(name + ": " + e);
        }
    }

    /** A last message in every room from a fresh client; every surviving member must see it, in order. */
    private void finish(RunningServer running, List<Member> survivors) throws Exception {
        TestClient closer = running.login("closer");
        Map<String, Long> lastIds = new HashMap<>();
        for (String room : ROOMS) {
            closer.send(new Join(room, "j-" + room));
            closer.awaitMessage(Ack.class);
            closer.send(new Say(room, "the end", "end-" + room));
            lastIds.put(room, closer.awaitMessage(Ack.class).id());
        }
        for (Member member : survivors) {
            member.awaitEnd(lastIds);
        }
        closer.close();
    }

    void problem(String text) {
        problems.add(text);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A client and what it checks: for each room it is in, the id of the last message it has seen there. */
    private static final class Member {
        final String name;
        final TestClient client;
        final SoakIT soak;
        final Map<String, Long> rooms = new HashMap<>();

        Member(String name, TestClient client, SoakIT soak) {
            this.name = name;
            this.client = client;
            this.soak = soak;
        }

        static Member login(RunningServer running, String name, SoakIT soak) throws InterruptedException {
            for (int attempt = 0; attempt < 100; attempt++) {
                TestClient client = running.connect();
                client.send(Hello.of(name));
                ServerMessage answer = client.poll(TestClient.TIMEOUT);
                if (answer instanceof Welcome) {
                    Member member = new Member(name, client, soak);
                    member.awaitHistoryOf("lobby");
                    return member;
                }
                client.close();
                if (!(answer instanceof ErrorMessage error && error.code().equals("name-taken"))) {
                    throw new AssertionError(name + " could not log in: " + answer);
                }
                // The old connection of this name is still being cleaned up: wait for it, bounded.
                client.awaitClosed();
            }
            throw new AssertionError(name + " stayed name-taken");
        }

        void awaitAck(String ref) throws InterruptedException {
            while (true) {
                ServerMessage next = next();
                if (next instanceof Ack ack && ref.equals(ack.ref())) {
                    return;
                }
            }
        }

        void awaitHistoryOf(String room) throws InterruptedException {
            while (!rooms.containsKey(room)) {
                next();
            }
        }

        void awaitEnd(Map<String, Long> lastIds) throws InterruptedException {
            for (Map.Entry<String, Long> room : lastIds.entrySet()) {
                while (rooms.containsKey(room.getKey()) && rooms.get(room.getKey()) < room.getValue()) {
                    next();
                }
            }
        }

        /** The next message, checked: every chat line must follow the previous one of its room. */
        private ServerMessage next() throws InterruptedException {
            ServerMessage message = client.poll(TestClient.TIMEOUT);
            if (message == null) {
                throw new AssertionError(name + " heard nothing for " + TestClient.TIMEOUT + "; rooms " + rooms);
            }
            if (message instanceof History history && history.ref() == null) {
                List<ChatLine> lines = history.messages();
                rooms.put(history.room(), lines.isEmpty() ? 0L : lines.get(lines.size() - 1).id());
            } else if (message instanceof ChatLine line && rooms.containsKey(line.room())) {
                long expected = rooms.get(line.room()) + 1;
                if (line.id() != expected) {
                    soak.problem(name + " in " + line.room() + " got id " + line.id() + ", expected " + expected);
                }
                rooms.put(line.room(), line.id());
                soak.checkedLines.incrementAndGet();
            } else if (message instanceof Left left && left.user().equals(name)) {
                rooms.remove(left.room());
            } else if (message instanceof ErrorMessage error) {
                soak.problem(name + " got " + error);
            }
            return message;
        }
    }
}
