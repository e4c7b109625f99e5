package org.nettychat.bench.jmh;

import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.Say;

/** The messages the benchmarks encode and decode: a say and the message it becomes, with about 100 characters. */
final class Samples {

    static final String TEXT = "B1234567890123:1:" + "x".repeat(83);
    static final Say SAY = new Say(null, TEXT, null);
    static final ChatLine LINE = new ChatLine(123_456, "fanout", "bench42", TEXT, 1_764_000_000_000L);

    private Samples() {
    }
}
