package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Kick;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.Say;

/** The member who has been in a room longest is its operator and may kick. */
class KickIT {

    private RunningServer running;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void kick_byTheOperator_thenEveryoneHearsAndTheKickedMayNotSpeak() throws Exception {
        TestClient alice = running.login("alice");
        TestClient bob = running.login("bob");
        alice.awaitMessage(Joined.class);
        bob.send(new Kick("lobby", "alice", "k0"));
        assertThat(bob.expectError("not-operator").ref()).isEqualTo("k0");

        alice.send(new Kick("lobby", "BOB", "k1"));
        assertThat(alice.awaitMessage(Left.class)).isEqualTo(new Left("lobby", "bob", Left.KICKED));
        assertThat(alice.awaitMessage(Ack.class).ref()).isEqualTo("k1");
        assertThat(bob.awaitMessage(Left.class)).isEqualTo(new Left("lobby", "bob", Left.KICKED));
        bob.send(new Say("lobby", "still here?", "s"));
        assertThat(bob.expectError("not-member").ref()).isEqualTo("s");

        alice.send(new Kick("lobby", "nobody", "k2"));
        assertThat(alice.expectError("not-member").ref()).isEqualTo("k2");
    }

    @Test
    void operator_whenItLeaves_thenTheNextLongestMemberTakesOver() throws Exception {
        TestClient alice = running.login("alice");
        TestClient bob = running.login("bob");
        TestClient carol = running.login("carol");
        alice.send(new Leave("lobby", "l"));
        alice.awaitMessage(Ack.class);
        bob.send(new Kick("lobby", "carol", "k"));
        assertThat(bob.awaitMessage(Ack.class).ref()).isEqualTo("k");
        assertThat(carol.awaitMessage(Left.class)).isEqualTo(new Left("lobby", "alice", Left.LEFT));
        assertThat(carol.awaitMessage(Left.class)).isEqualTo(new Left("lobby", "carol", Left.KICKED));
    }
}
