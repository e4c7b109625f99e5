package org.nettychat.server.backplane;

/**
 * The Lua scripts of the Redis backplane. Each runs atomically in Redis, so a room's id, history and published event
 * are one step, and every node sees a room's events in the same order. Events on a room channel are
 * {@code M|<message JSON>}, {@code J|<node>|<name>}, {@code L|<node>|<name>|<reason>} and {@code F} (the room was
 * forgotten); on a node channel {@code D|<dm JSON>}.
 *
 * <p>Redis keeps a room's ids and history while the room is in use (in {@code chat:rooms}) or idle (in
 * {@code chat:idle}, ordered by when it emptied). A join that creates a room when the cluster keeps its most rooms
 * forgets the idle room that emptied first, as a single server does.
 */
final class RedisScripts {

    /** Lua: the room has no members left; it stops counting as in use and becomes the newest idle room. */
    private static final String EMPTIED = """
            local function emptied(room)
              redis.call('SREM', 'chat:rooms', room)
              redis.call('ZADD', 'chat:idle', redis.call('INCR', 'chat:idle:seq'), room)
            end
            """;

    /** KEYS: users, nodeUsers. ARGV: userKey, node, name. Returns 1 when claimed, 0 when taken. */
    static final String REGISTER = """
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3]) == 1 then
              redis.call('SADD', KEYS[2], ARGV[1])
              return 1
            end
            return 0
            """;

    /** KEYS: users, nodeUsers. ARGV: userKey, node, name. Frees the name only if this node holds it. */
    static final String UNREGISTER = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] .. '|' .. ARGV[3] then
              redis.call('HDEL', KEYS[1], ARGV[1])
            end
            redis.call('SREM', KEYS[2], ARGV[1])
            return 1
            """;

    /**
     * KEYS: members (sorted by join order), rooms, nodeJoins, history, joinSeq, idle. ARGV: room, name, node, most
     * rooms kept. Adds the member, announces it on the room channel and returns 1 followed by the history as it stood
     * at that point of the room's order; or only 0 when the room is new and the cluster keeps its most rooms, none of
     * them idle. A new room at the most forgets idle rooms, oldest first, until there is room for it: their ids and
     * history go, and each one's channel carries {@code F}.
     */
    static final String JOIN = """
            if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 and redis.call('ZREM', KEYS[6], ARGV[1]) == 0 then
              while redis.call('SCARD', KEYS[2]) + redis.call('ZCARD', KEYS[6]) >= tonumber(ARGV[4]) do
                local oldest = redis.call('ZPOPMIN', KEYS[6])[1]
                if not oldest then
                  return {0}
                end
                local prefix = 'chat:room:' .. oldest
                redis.call('DEL', prefix .. ':seq', prefix .. ':history', prefix .. ':joinseq')
                redis.call('PUBLISH', 'chat:r:' .. oldest, 'F')
              end
            end
            redis.call('ZADD', KEYS[1], 'NX', redis.call('INCR', KEYS[5]), ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[1] .. '\\n' .. ARGV[2])
            local reply = redis.call('LRANGE', KEYS[4], 0, -1)
            table.insert(reply, 1, 1)
            redis.call('PUBLISH', 'chat:r:' .. ARGV[1], 'J|' .. ARGV[3] .. '|' .. ARGV[2])
            return reply
            """;

    /**
     * KEYS: members, nodeJoins. ARGV: room, name, node, reason, "1" to leave (and announce it) only when a
     * member. Returns 1 when announced. Without "1" the leave is announced even when Redis no longer lists the member
     * (a Redis that lost its data), so that every node, the leaver's own included, removes it.
     */
    static final String LEAVE = EMPTIED + """
            redis.call('SREM', KEYS[2], ARGV[1] .. '\\n' .. ARGV[2])
            if redis.call('ZREM', KEYS[1], ARGV[2]) == 0 and ARGV[5] == '1' then
              return 0
            end
            if redis.call('ZCARD', KEYS[1]) == 0 then
              emptied(ARGV[1])
            end
            redis.call('PUBLISH', 'chat:r:' .. ARGV[1], 'L|' .. ARGV[3] .. '|' .. ARGV[2] .. '|' .. ARGV[4])
            return 1
            """;

    /**
     * KEYS: seq, history, ref. ARGV: room, the message JSON after its id (from {@code "room"} to the closing brace),
     * history length, ref lifetime in seconds, "1" when the say has a ref. Returns the message id; a repeated ref
     * returns the first id and publishes nothing. A room not in use (the sender was kicked or reaped meanwhile, or
     * Redis lost its data) is listed as idle, so that what the say keeps can be forgotten.
     */
    static final String SAY = """
            if ARGV[5] == '1' then
              local earlier = redis.call('GET', KEYS[3])
              if earlier then
                return tonumber(earlier)
              end
            end
            if redis.call('SISMEMBER', 'chat:rooms', ARGV[1]) == 0 then
              redis.call('ZADD', 'chat:idle', 'NX', redis.call('INCR', 'chat:idle:seq'), ARGV[1])
            end
            local id = redis.call('INCR', KEYS[1])
            if ARGV[5] == '1' then
              redis.call('SET', KEYS[3], id, 'EX', ARGV[4])
            end
            local body = '{"type":"message","id":' .. id .. ',' .. ARGV[2]
            local keep = tonumber(ARGV[3])
            if keep > 0 then
              redis.call('RPUSH', KEYS[2], body)
              redis.call('LTRIM', KEYS[2], -keep, -1)
            end
            redis.call('PUBLISH', 'chat:r:' .. ARGV[1], 'M|' .. body)
            return id
            """;

    /** KEYS: users. ARGV: recipient's user key, dm JSON. Returns 1 when published to the recipient's node. */
    static final String DIRECT = """
            local holder = redis.call('HGET', KEYS[1], ARGV[1])
            if not holder then
              return 0
            end
            local node = string.sub(holder, 1, string.find(holder, '|', 1, true) - 1)
            redis.call('PUBLISH', 'chat:n:' .. node, 'D|' .. ARGV[2])
            return 1
            """;

    /**
     * KEYS: members, users. ARGV: room, operator, user key of the one to kick. Only the member who joined first
     * may kick. Returns 1 when kicked (announced with reason kicked), 0 when the kicker is not the operator, 2 when the
     * user is not online or not in the room.
     */
    static final String KICK = EMPTIED + """
            local first = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
            if first ~= ARGV[2] then
              return 0
            end
            local holder = redis.call('HGET', KEYS[2], ARGV[3])
            if not holder then
              return 2
            end
            local cut = string.find(holder, '|', 1, true)
            local node = string.sub(holder, 1, cut - 1)
            local name = string.sub(holder, cut + 1)
            if not redis.call('ZSCORE', KEYS[1], name) then
              return 2
            end
            redis.call('ZREM', KEYS[1], name)
            redis.call('SREM', 'chat:node:' .. node .. ':joins', ARGV[1] .. '\\n' .. name)
            if redis.call('ZCARD', KEYS[1]) == 0 then
              emptied(ARGV[1])
            end
            redis.call('PUBLISH', 'chat:r:' .. ARGV[1], 'L|' .. node .. '|' .. name .. '|kicked')
            return 1
            """;

    /** KEYS: rooms. Returns room, member count, room, member count, ... */
    static final String ROOMS = """
            local out = {}
            for _, room in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              table.insert(out, room)
              table.insert(out, redis.call('ZCARD', 'chat:room:' .. room .. ':members'))
            end
            return out
            """;

    /**
     * KEYS: nodes. ARGV: a node id. When that node's heartbeat has expired, frees its names, takes its users out of
     * their rooms (announcing each as disconnected) and forgets the node. Returns 1 when it reaped.
     */
    static final String REAP = EMPTIED + """
            local node = ARGV[1]
            if redis.call('EXISTS', 'chat:node:' .. node .. ':alive') == 1 then
              return 0
            end
            if redis.call('SREM', KEYS[1], node) == 0 then
              return 0
            end
            for _, key in ipairs(redis.call('SMEMBERS', 'chat:node:' .. node .. ':users')) do
              local holder = redis.call('HGET', 'chat:users', key)
              if holder and string.sub(holder, 1, #node + 1) == node .. '|' then
                redis.call('HDEL', 'chat:users', key)
              end
            end
            for _, join in ipairs(redis.call('SMEMBERS', 'chat:node:' .. node .. ':joins')) do
              local cut = string.find(join, '\\n', 1, true)
              local room = string.sub(join, 1, cut - 1)
              local name = string.sub(join, cut + 1)
              redis.call('ZREM', 'chat:room:' .. room .. ':members', name)
              if redis.call('ZCARD', 'chat:room:' .. room .. ':members') == 0 then
                emptied(room)
              end
              redis.call('PUBLISH', 'chat:r:' .. room, 'L|' .. node .. '|' .. name .. '|disconnect')
            end
            redis.call('DEL', 'chat:node:' .. node .. ':users', 'chat:node:' .. node .. ':joins')
            return 1
            """;

    private RedisScripts() {
    }
}
