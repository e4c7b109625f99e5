package org.nettychat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Left;

class LineFormatTest {

    private final LineFormat plain = new LineFormat(LineFormat.Style.PLAIN);

    @Test
    void left_saysWhetherTheUserLeftWasDisconnectedOrWasKicked() {
        assertThat(plain.left(new Left("dev", "bob", Left.LEFT))).isEqualTo("* bob left dev");
        assertThat(plain.left(new Left("dev", "bob", Left.DISCONNECTED))).isEqualTo("* bob left dev (disconnected)");
        assertThat(plain.left(new Left("dev", "bob", Left.KICKED))).isEqualTo("* bob left dev (kicked)");
    }
}
