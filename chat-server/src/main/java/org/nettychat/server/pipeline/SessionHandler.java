package org.nettychat.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.GetHistory;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Kick;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.ListRooms;
import org.nettychat.protocol.Members;
import org.nettychat.protocol.Names;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.SendDm;
import org.nettychat.protocol.Who;
import org.nettychat.server.ServerConfig;
import org.nettychat.server.admin.ServerMetrics;
import org.nettychat.server.backplane.Backplane;
import org.nettychat.server.backplane.JoinResult;
import org.nettychat.server.backplane.RoomLost;

/**
 * Carries out a logged-in user's requests against the {@link Backplane}, applying the rate limit, and leaves the
 * user's rooms when the connection ends. Results of the backplane are handled back on this channel's event loop.
 */
final class SessionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    static final String NAME = "session";

    /** History sent for a {@code history} request without a limit. */
    static final int DEFAULT_HISTORY_LIMIT = 50;

    private final ServerConfig config;
    private final Backplane backplane;
    private final ServerMetrics metrics;
    private final Clock clock;
    private Session session;

    SessionHandler(ServerConfig config, Backplane backplane, ServerMetrics metrics, Clock clock) {
        this.config = config;
        this.backplane = backplane;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof RoomLost lost && session != null) {
            session.left(lost.room());
            return;
        }
        if (!(evt instanceof LoggedIn loggedIn)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        session = ctx.channel().attr(Session.KEY).get();
        Map<String, Long> resume = loggedIn.resume();
        if (resume.isEmpty()) {
            join(ctx, org.nettychat.protocol.ChatProtocol.DEFAULT_ROOM, null, null);
        } else {
            resume.forEach((room, lastSeen) -> join(ctx, room, lastSeen, null));
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        metrics.frameIn();
        if (Replies.isClosing(ctx.channel())) {
            return;
        }
        if (!(message instanceof Pong) && !Admission.admit(ctx, session.rateLimiter(), metrics, message.ref())) {
            return;
        }
        if (message instanceof Say say) {
            say(ctx, say);
        } else if (message instanceof Join join) {
            join(ctx, join.room(), null, join.ref());
        } else if (message instanceof Leave leave) {
            leave(ctx, leave);
        } else if (message instanceof SendDm dm) {
            directMessage(ctx, dm);
        } else if (message instanceof Who who) {
            who(ctx, who);
        } else if (message instanceof ListRooms list) {
            onLoop(ctx, backplane.rooms(), rooms -> ctx.writeAndFlush(new RoomList(rooms, list.ref())), list.ref());
        } else if (message instanceof Kick kick) {
            kick(ctx, kick);
        } else if (message instanceof GetHistory request) {
            history(ctx, request);
        } else if (message instanceof Ping ping) {
            ctx.writeAndFlush(new Pong(ping.ref()), ctx.voidPromise());
        } else if (message instanceof Bye) {
            Replies.byeAndClose(ctx, Bye.CLIENT);
        } else if (message instanceof Hello) {
            error(ctx, ErrorCode.ALREADY_LOGGED_IN, "already logged in as " + session.name(), null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            for (String room : session.rooms()) {
                backplane.leave(room, session.name(), ctx.channel(), Left.DISCONNECTED);
            }
            backplane.unregister(session.name(), ctx.channel());
        }
        super.channelInactive(ctx);
    }

    private void say(ChannelHandlerContext ctx, Say say) {
        String room = roomOrCurrent(say.room());
        if (say.room() != null && badRoom(ctx, room, say.ref())) {
            return;
        }
        if (room == null || !session.isIn(room)) {
            error(ctx, ErrorCode.NOT_MEMBER, room == null ? "join a room first" : "not in room " + room, say.ref());
            return;
        }
        onLoop(ctx, backplane.say(room, session.name(), say.text(), say.ref()), id -> {
            if (say.ref() != null) {
                ctx.writeAndFlush(new Ack(say.ref(), room, id), ctx.voidPromise());
            }
        }, say.ref());
    }

    private void join(ChannelHandlerContext ctx, String requested, Long afterId, String ref) {
        String room = Names.canonicalRoom(requested);
        if (badRoom(ctx, room, ref)) {
            return;
        }
        if (session.isIn(room)) {
            acknowledge(ctx, ref);
        } else if (session.roomCount() >= config.maxRoomsPerUser()) {
            error(ctx, ErrorCode.TOO_MANY_ROOMS,
                    "already in " + config.maxRoomsPerUser() + " rooms, so not in " + room, ref);
        } else {
            session.entered(room);
            onLoop(ctx, backplane.join(room, session.name(), ctx.channel(), afterId), result -> {
                if (result == JoinResult.NO_ROOM_LEFT) {
                    session.left(room);
                    error(ctx, ErrorCode.TOO_MANY_ROOMS, "the server holds as many rooms as it may", ref);
                } else {
                    acknowledge(ctx, ref);
                }
            }, () -> {
                session.left(room);
                backplane.undoJoin(room, session.name(), ctx.channel());
            }, ref);
        }
    }

    private void leave(ChannelHandlerContext ctx, Leave leave) {
        String room = Names.canonicalRoom(leave.room());
        if (badRoom(ctx, room, leave.ref())) {
            return;
        }
        if (!session.isIn(room)) {
            error(ctx, ErrorCode.NOT_MEMBER, "not in room " + room, leave.ref());
            return;
        }
        int place = session.left(room);
        onLoop(ctx, backplane.leave(room, session.name(), ctx.channel(), Left.LEFT), done -> acknowledge(ctx,
                leave.ref()), () -> session.reinstate(room, place), leave.ref());
    }

    private void kick(ChannelHandlerContext ctx, Kick kick) {
        String room = Names.canonicalRoom(kick.room());
        if (badRoom(ctx, room, kick.ref())) {
            return;
        }
        if (!session.isIn(room)) {
            error(ctx, ErrorCode.NOT_MEMBER, "not in room " + room, kick.ref());
            return;
        }
        onLoop(ctx, backplane.kick(room, session.name(), kick.user()), result -> {
            switch (result) {
                case KICKED -> acknowledge(ctx, kick.ref());
                case NOT_OPERATOR -> error(ctx, ErrorCode.NOT_OPERATOR,
                        "only the member who has been in " + room + " longest may kick", kick.ref());
                default -> error(ctx, ErrorCode.NOT_MEMBER, kick.user() + " is not in room " + room, kick.ref());
            }
        }, kick.ref());
    }

    private void directMessage(ChannelHandlerContext ctx, SendDm dm) {
        DirectMessage message = new DirectMessage(session.name(), dm.to(), dm.text(), clock.millis());
        onLoop(ctx, backplane.directMessage(message), delivered -> {
            if (delivered) {
                acknowledge(ctx, dm.ref());
            } else {
                error(ctx, ErrorCode.NO_SUCH_USER, dm.to() + " is not online", dm.ref());
            }
        }, dm.ref());
    }

    private void who(ChannelHandlerContext ctx, Who who) {
        String room = roomOrCurrent(who.room());
        if (who.room() != null && badRoom(ctx, room, who.ref())) {
            return;
        }
        if (room == null) {
            error(ctx, ErrorCode.NOT_MEMBER, "join a room first or name one", who.ref());
            return;
        }
        onLoop(ctx, backplane.members(room), names -> ctx.writeAndFlush(new Members(room, names, who.ref())),
                who.ref());
    }

    private void history(ChannelHandlerContext ctx, GetHistory request) {
        String room = roomOrCurrent(request.room());
        if (request.room() != null && badRoom(ctx, room, request.ref())) {
            return;
        }
        if (room == null) {
            error(ctx, ErrorCode.NOT_MEMBER, "join a room first or name one", request.ref());
            return;
        }
        int limit = request.limit() == null ? DEFAULT_HISTORY_LIMIT : request.limit();
        onLoop(ctx, backplane.history(room, limit, request.before(), request.after()),
                lines -> ctx.writeAndFlush(new History(room, lines, request.ref())), request.ref());
    }

    /** Answers {@code bad-room} when the room a request names, lowercased, breaks the naming rules. */
    private boolean badRoom(ChannelHandlerContext ctx, String room, String ref) {
        String problem = Names.roomProblem(room).orElse(null);
        if (problem != null) {
            error(ctx, ErrorCode.BAD_ROOM, problem, ref);
        }
        return problem != null;
    }

    private String roomOrCurrent(String requested) {
        return requested == null ? session.currentRoom() : Names.canonicalRoom(requested);
    }

    private void acknowledge(ChannelHandlerContext ctx, String ref) {
        if (ref != null) {
            ctx.writeAndFlush(Ack.of(ref), ctx.voidPromise());
        }
    }

    private void error(ChannelHandlerContext ctx, ErrorCode code, String text, String ref) {
        Replies.error(ctx, metrics, code, text, ref);
    }

    /**
     * Runs {@code action} with the result as a new task on this channel's event loop, never inline: the backplane
     * queues its deliveries as tasks too, so an answer always follows the broadcast it confirms.
     */
    private <T> void onLoop(ChannelHandlerContext ctx, CompletionStage<T> stage, Consumer<T> action, String ref) {
        onLoop(ctx, stage, action, () -> { }, ref);
    }

    /** Like the other {@code onLoop}; when the stage fails, {@code undo} runs before the refusal is sent. */
    private <T> void onLoop(ChannelHandlerContext ctx, CompletionStage<T> stage, Consumer<T> action, Runnable undo,
            String ref) {
        stage.whenComplete((result, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                undo.run();
                error(ctx, ErrorCode.UNAVAILABLE, "cannot do that right now, retry later", ref);
            } else if (ctx.channel().isActive()) {
                action.accept(result);
            }
        }));
    }
}
