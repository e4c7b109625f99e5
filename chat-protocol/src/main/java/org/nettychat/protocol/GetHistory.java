package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Asks for a room's recent messages, oldest first; answered with {@link History}.
 *
 * @param room   the room, or null for the current room
 * @param limit  how many messages at most (1 to {@link ChatProtocol#MAX_HISTORY_LIMIT}); null for the server's default
 * @param before only messages with an id below this; may be null
 * @param after  only messages with an id above this (what a reconnecting client missed); may be null
 * @param ref    optional client reference echoed in the answer
 */
@JsonTypeName("history")
public record GetHistory(String room, Integer limit, Long before, Long after, String ref) implements ClientMessage {

    public GetHistory {
        Checks.optionalRoom(room, "room");
        if (limit != null && (limit < 1 || limit > ChatProtocol.MAX_HISTORY_LIMIT)) {
            throw new IllegalArgumentException(
                    "limit: " + limit + " (expected: 1.." + ChatProtocol.MAX_HISTORY_LIMIT + ")");
        }
        if (before != null && before < 0) {
            throw new IllegalArgumentException("before: " + before + " (expected: >= 0)");
        }
        if (after != null && after < 0) {
            throw new IllegalArgumentException("after: " + after + " (expected: >= 0)");
        }
        Checks.ref(ref);
    }
}
