package org.nettychat.server.room;

import org.nettychat.protocol.ChatLine;

/**
 * Something a room keeps for a while, paid for out of the node's {@link HistoryBudget}: a message of its history, or
 * the ref of a recent say. {@link #bytes} is an estimate of the heap it takes, with the entry itself.
 */
abstract sealed class Kept permits Kept.Line, Kept.Ref {

    /** Object headers, references and the budget's links: what an entry costs besides its characters. */
    private static final int OVERHEAD_BYTES = 120;

    final Room room;
    final int bytes;
    /** The next older and younger entries in the budget's order; guarded by the budget. */
    Kept older;
    Kept younger;

    private Kept(Room room, int characters) {
        this.room = room;
        this.bytes = OVERHEAD_BYTES + 2 * characters;
    }

    /** A message of a room's history. */
    static final class Line extends Kept {
        final ChatLine line;

        Line(Room room, ChatLine line) {
            super(room, line.text().length());
            this.line = line;
        }
    }

    /** The ref of a recent say, with the id it got, so that a retry of it is not delivered again. */
    static final class Ref extends Kept {
        final String key;
        final long id;

        Ref(Room room, String key, long id) {
            super(room, key.length());
            this.key = key;
            this.id = id;
        }
    }
}
