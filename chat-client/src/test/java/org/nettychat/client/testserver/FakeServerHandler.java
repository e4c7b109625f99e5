package org.nettychat.client.testserver;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.GetHistory;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Joined;
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
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;
import org.nettychat.protocol.Who;

/** One connection of the fake server: just enough of the server's behaviour (design.md) for client tests. */
final class FakeServerHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private final FakeChatServer server;
    private final FakeRooms state;
    private final LinkedHashSet<String> rooms = new LinkedHashSet<>();
    private Channel channel;
    private String name;

    FakeServerHandler(FakeChatServer server, FakeRooms state) {
        this.server = server;
        this.state = state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (name != null) {
            for (String room : rooms) {
                broadcast(room, new Left(room, name, Left.DISCONNECTED));
            }
            state.logout(name, this);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        server.record(message);
        if (message instanceof Ping ping) {
            send(new Pong(ping.ref()));
        } else if (message instanceof Bye) {
            channel.writeAndFlush(new Bye(Bye.CLIENT)).addListener(ChannelFutureListener.CLOSE);
        } else if (message instanceof Hello hello) {
            hello(hello);
        } else if (name == null) {
            channel.writeAndFlush(ErrorMessage.of(ErrorCode.NOT_LOGGED_IN, "log in first", null))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            request(message);
        }
    }

    private void request(ClientMessage message) {
        if (message instanceof Join join) {
            join(join.room(), join.ref());
        } else if (message instanceof Leave leave) {
            leave(leave);
        } else if (message instanceof Kick kick) {
            kick(kick);
        } else if (message instanceof Say say) {
            if (server.refusesSay()) {
                send(ErrorMessage.of(ErrorCode.RATE_LIMITED, "over the rate limit", say.ref()));
            } else {
                say(say);
            }
        } else if (message instanceof SendDm dm) {
            dm(dm);
        } else if (message instanceof Who who) {
            String room = who.room() == null ? current() : who.room();
            List<FakeServerHandler> members = state.all().containsKey(room)
                    ? List.copyOf(state.room(room).members) : List.of();
            send(new Members(room, members.stream().map(m -> m.name).sorted().toList(), who.ref()));
        } else if (message instanceof ListRooms list) {
            List<RoomList.Room> all = new ArrayList<>();
            state.all().forEach((room, r) -> {
                if (!r.members.isEmpty()) {
                    all.add(new RoomList.Room(room, r.members.size()));
                }
            });
            send(new RoomList(all, list.ref()));
        } else if (message instanceof GetHistory get) {
            String room = get.room() == null ? current() : get.room();
            send(new History(room, state.history(room, get.after() == null ? 0 : get.after(),
                    get.before() == null ? Long.MAX_VALUE : get.before(), get.limit() == null ? 50 : get.limit()),
                    get.ref()));
        }
    }

    private void hello(Hello hello) {
        if (name != null) {
            send(ErrorMessage.of(ErrorCode.ALREADY_LOGGED_IN, "already logged in", null));
        } else if (server.byeInsteadOfWelcome() != null) {
            channel.writeAndFlush(new Bye(server.byeInsteadOfWelcome())).addListener(ChannelFutureListener.CLOSE);
        } else if (server.refusesLogins()) {
            channel.writeAndFlush(ErrorMessage.of(ErrorCode.AUTH_FAILED, "wrong or missing password", null))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (Names.userNameProblem(hello.name()).isPresent()) {
            send(ErrorMessage.of(ErrorCode.BAD_NAME, Names.userNameProblem(hello.name()).get(), null));
        } else if (!state.login(hello.name(), this)) {
            send(ErrorMessage.of(ErrorCode.NAME_TAKEN, hello.name() + " is taken", null));
        } else {
            name = hello.name();
            Integer rate = server.announcedRate();
            send(new Welcome(name, ChatProtocol.VERSION, server.motd(), server.maxBodyBytes(), FakeChatServer.EPOCH, rate,
                    rate == null ? null : 2 * rate));
            Map<String, Long> resume = hello.resume() == null || hello.resume().isEmpty()
                    ? Map.of(ChatProtocol.DEFAULT_ROOM, 0L) : hello.resume();
            resume.forEach((room, lastSeen) -> enter(room, lastSeen));
        }
    }

    /** Joins {@code room} and sends its history: the last messages after {@code lastSeen} (0 for all it keeps). */
    private void enter(String room, long lastSeen) {
        rooms.remove(room);
        rooms.add(room);
        state.room(room).members.add(this);
        broadcast(room, new Joined(room, name));
        send(new History(room, state.history(room, lastSeen, Long.MAX_VALUE,
                FakeRooms.HISTORY_LENGTH), null));
    }

    private void join(String requested, String ref) {
        String room = Names.canonicalRoom(requested);
        if (Names.roomProblem(room).isPresent()) {
            send(ErrorMessage.of(ErrorCode.BAD_ROOM, Names.roomProblem(room).get(), ref));
            return;
        }
        if (!rooms.contains(room)) {
            enter(room, 0);
        }
        if (ref != null) {
            send(Ack.of(ref));
        }
    }

    private void leave(Leave leave) {
        if (!rooms.remove(leave.room())) {
            send(ErrorMessage.of(ErrorCode.NOT_MEMBER, "not in " + leave.room(), leave.ref()));
            return;
        }
        broadcast(leave.room(), new Left(leave.room(), name, Left.LEFT));
        state.room(leave.room()).members.remove(this);
        if (leave.ref() != null) {
            send(Ack.of(leave.ref()));
        }
    }

    /** The room's first member may kick: the kicked member hears of it and is out of the room. */
    private void kick(Kick kick) {
        FakeRooms.Room r = state.room(kick.room());
        if (r.members.isEmpty() || r.members.iterator().next() != this) {
            send(ErrorMessage.of(ErrorCode.NOT_OPERATOR, "not the operator of " + kick.room(), kick.ref()));
            return;
        }
        FakeServerHandler victim = r.members.stream().filter(m -> kick.user().equals(m.name)).findFirst().orElse(null);
        if (victim == null) {
            send(ErrorMessage.of(ErrorCode.NOT_MEMBER, kick.user() + " is not in " + kick.room(), kick.ref()));
            return;
        }
        broadcast(kick.room(), new Left(kick.room(), victim.name, Left.KICKED));
        r.members.remove(victim);
        victim.rooms.remove(kick.room());
        if (kick.ref() != null) {
            send(Ack.of(kick.ref()));
        }
    }

    private void say(Say say) {
        String room = say.room() == null ? current() : say.room();
        if (room == null || !rooms.contains(room)) {
            send(ErrorMessage.of(ErrorCode.NOT_MEMBER, "not in " + room, say.ref()));
            return;
        }
        if (server.holdsSays()) {
            return;
        }
        FakeRooms.Room r = state.room(room);
        Long id = say.ref() == null ? null : r.idsByUserRef.get(name + "/" + say.ref());
        if (id == null) {
            ChatLine line = state.append(room, name, say.text());
            id = line.id();
            if (say.ref() != null) {
                r.idsByUserRef.put(name + "/" + say.ref(), id);
            }
            broadcast(room, line);
        }
        if (say.ref() != null && !server.dropsAcks()) {
            send(new Ack(say.ref(), room, id));
        }
    }

    private void dm(SendDm dm) {
        FakeServerHandler to = state.user(dm.to());
        if (to == null) {
            send(ErrorMessage.of(ErrorCode.NO_SUCH_USER, dm.to() + " is not online", dm.ref()));
            return;
        }
        to.send(new DirectMessage(name, to.name, dm.text(), System.currentTimeMillis()));
        if (dm.ref() != null) {
            send(Ack.of(dm.ref()));
        }
    }

    String name() {
        return name;
    }

    /** Sends {@code message} to every member of {@code room}. */
    void broadcast(String room, ServerMessage message) {
        state.room(room).members.forEach(member -> member.send(message));
    }

    void send(ServerMessage message) {
        channel.writeAndFlush(message);
    }

    private String current() {
        String last = null;
        for (String room : rooms) {
            last = room;
        }
        return last;
    }
}
