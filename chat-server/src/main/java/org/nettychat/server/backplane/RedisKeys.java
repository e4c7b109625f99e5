package org.nettychat.server.backplane;

/**
 * The Redis keys and channels of a cluster. Room names are restricted to {@code [a-z0-9_.-]}, so they are safe inside
 * key names; user keys only ever appear as hash fields, set members and arguments.
 */
final class RedisKeys {

    static final String EPOCH = "chat:epoch";
    /** Hash: user key → "nodeId|name" of the node holding the session. */
    static final String USERS = "chat:users";
    /** Set: the ids of live nodes. */
    static final String NODES = "chat:nodes";
    /** Set: rooms that have members somewhere. */
    static final String ROOMS = "chat:rooms";
    /** Sorted set: rooms without members whose ids and history Redis keeps, by the order they emptied. */
    static final String IDLE = "chat:idle";
    /** Pattern every node subscribes to: one channel per room carries its events in the room's one order. */
    static final String ROOM_CHANNELS = "chat:r:*";
    static final String ROOM_CHANNEL_PREFIX = "chat:r:";

    private RedisKeys() {
    }

    static String roomChannel(String room) {
        return ROOM_CHANNEL_PREFIX + room;
    }

    static String nodeChannel(String node) {
        return "chat:n:" + node;
    }

    static String alive(String node) {
        return "chat:node:" + node + ":alive";
    }

    static String nodeUsers(String node) {
        return "chat:node:" + node + ":users";
    }

    static String nodeJoins(String node) {
        return "chat:node:" + node + ":joins";
    }

    static String seq(String room) {
        return "chat:room:" + room + ":seq";
    }

    static String history(String room) {
        return "chat:room:" + room + ":history";
    }

    static String joinSeq(String room) {
        return "chat:room:" + room + ":joinseq";
    }

    static String members(String room) {
        return "chat:room:" + room + ":members";
    }

    static String ref(String room, String userKey, String ref) {
        return "chat:room:" + room + ":ref:" + userKey + "\n" + ref;
    }
}
