package org.nettychat.server.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.nettychat.protocol.ChatLine;

/** Picks what a history request asks for out of a room's kept messages. */
public final class HistoryWindow {

    private HistoryWindow() {
    }

    /**
     * From {@code lines} (oldest first), the ones with {@code after < id < before} (either bound may be null), at most
     * {@code limit} of them, the newest that match; oldest first.
     */
    public static List<ChatLine> select(List<ChatLine> lines, int limit, Long before, Long after) {
        ArrayDeque<ChatLine> picked = new ArrayDeque<>();
        for (int i = lines.size() - 1; i >= 0 && picked.size() < limit; i--) {
            ChatLine line = lines.get(i);
            if (after != null && line.id() <= after) {
                break;
            }
            if (before == null || line.id() < before) {
                picked.addFirst(line);
            }
        }
        return new ArrayList<>(picked);
    }

    /**
     * Where the history for a joiner that last saw {@code afterId} starts: after that id, or at the oldest kept
     * message when the room never reached it (the id was seen in an earlier room of the same name, forgotten since).
     */
    public static Long resumeAfter(Long afterId, long lastId) {
        return afterId != null && afterId > lastId ? null : afterId;
    }
}
