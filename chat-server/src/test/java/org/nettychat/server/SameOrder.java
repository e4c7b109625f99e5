package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.Say;

/** Has several clients say things at once in one room and checks that all of them saw one and the same order. */
final class SameOrder {

    private SameOrder() {
    }

    static void check(List<TestClient> clients, String room, int perClient) throws InterruptedException {
        List<Thread> senders = new ArrayList<>();
        for (TestClient sender : clients) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perClient; i++) {
                    sender.send(new Say(room, "m" + i, null));
                }
            });
            senders.add(thread);
            thread.start();
        }
        for (Thread thread : senders) {
            thread.join(TestClient.TIMEOUT.toMillis());
        }
        List<List<ChatLine>> seen = new ArrayList<>();
        for (TestClient client : clients) {
            List<ChatLine> lines = new ArrayList<>();
            for (int i = 0; i < clients.size() * perClient; i++) {
                lines.add(client.awaitMessage(ChatLine.class));
            }
            seen.add(lines);
        }
        for (List<ChatLine> lines : seen) {
            assertThat(lines).isEqualTo(seen.get(0));
        }
        assertThat(seen.get(0)).extracting(ChatLine::id).isSorted().doesNotHaveDuplicates();
    }
}
