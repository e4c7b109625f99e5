package org.nettychat.protocol.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.GetHistory;
import org.nettychat.protocol.Kick;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.History;
import org.nettychat.protocol.Join;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Leave;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.ListRooms;
import org.nettychat.protocol.Members;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.RoomList;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.SendDm;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;
import org.nettychat.protocol.Who;

/**
 * Random messages of every type, with any value their records accept: the edge of every limit, empty and absent
 * optional fields, extreme numbers and the text of {@link RandomText}.
 */
final class RandomMessages {

    /** Longest free text drawn, in UTF-16 units; long enough for escapes and multi-byte characters to add up. */
    private static final int MAX_TEXT = 200;
    private static final int MAX_LIST = 5;

    private final Random random;
    private final RandomText text;
    private final List<Supplier<ClientMessage>> clientMessages;
    private final List<Supplier<ServerMessage>> serverMessages;

    RandomMessages(Random random) {
        this.random = random;
        this.text = new RandomText(random);
        this.clientMessages = clientGenerators();
        this.serverMessages = serverGenerators();
    }

    /** Any message a client may send. */
    ClientMessage clientMessage() {
        return clientMessages.get(random.nextInt(clientMessages.size())).get();
    }

    /** Any message the server may send. */
    ServerMessage serverMessage() {
        return serverMessages.get(random.nextInt(serverMessages.size())).get();
    }

    private List<Supplier<ClientMessage>> clientGenerators() {
        return List.of(
            this::hello,
            () -> new Join(text.room(), ref()),
            () -> new Leave(text.room(), ref()),
            () -> new Say(maybe(text::room), text.nonEmpty(MAX_TEXT), ref()),
            () -> new SendDm(text.userName(), text.nonEmpty(MAX_TEXT), ref()),
            () -> new Who(maybe(text::room), ref()),
            () -> new ListRooms(ref()),
            this::getHistory,
            () -> new Kick(text.room(), text.userName(), ref()),
            () -> new Ping(ref()),
            () -> new Pong(ref()),
            () -> new Bye(maybe(() -> text.upTo(ChatProtocol.MAX_REF_LENGTH))));
    }

    private List<Supplier<ServerMessage>> serverGenerators() {
        return List.of(
            this::welcome,
            () -> new Joined(text.room(), text.userName()),
            () -> new Left(text.room(), text.userName(), maybe(this::leftReason)),
            this::chatLine,
            () -> new DirectMessage(text.userName(), text.userName(), text.upTo(MAX_TEXT), anyLong()),
            () -> new Members(text.room(), listOf(() -> text.upTo(ChatProtocol.MAX_ROOM_LENGTH)), ref()),
            () -> new RoomList(listOf(() -> new RoomList.Room(text.room(), anyInt())), ref()),
            () -> new History(text.room(), listOf(this::chatLine), ref()),
            () -> new Ack(text.nonEmpty(ChatProtocol.MAX_REF_LENGTH), maybe(text::room), maybe(this::anyLong)),
            () -> new ErrorMessage(errorCode(), text.upTo(MAX_TEXT), ref()),
            () -> new Ping(ref()),
            () -> new Pong(ref()),
            () -> new Bye(maybe(() -> text.upTo(ChatProtocol.MAX_REF_LENGTH))));
    }

    private Hello hello() {
        Map<String, Long> resume = null;
        if (random.nextBoolean()) {
            resume = new LinkedHashMap<>();
            for (int i = random.nextInt(ChatProtocol.MAX_RESUME_ROOMS + 1); i > 0; i--) {
                resume.put(text.room(), random.nextBoolean() ? 0L : nonNegativeLong());
            }
        }
        return new Hello(text.upTo(2 * ChatProtocol.MAX_USERNAME_BYTES),
                maybe(() -> text.upTo(ChatProtocol.MAX_PASSWORD_LENGTH)), resume,
                maybe(() -> text.upTo(ChatProtocol.MAX_REF_LENGTH)));
    }

    private GetHistory getHistory() {
        return new GetHistory(maybe(text::room),
                maybe(this::historyLimit),
                maybe(this::nonNegativeLong), maybe(this::nonNegativeLong), ref());
    }

    private int historyLimit() {
        int limit = ChatProtocol.MAX_HISTORY_LIMIT;
        return random.nextBoolean() ? limit : 1 + random.nextInt(limit);
    }

    private Welcome welcome() {
        return new Welcome(text.userName(), anyInt(), maybe(() -> text.upTo(MAX_TEXT)), anyInt(),
                maybe(() -> text.upTo(ChatProtocol.MAX_REF_LENGTH)), maybe(this::positiveInt),
                maybe(this::positiveInt));
    }

    private ChatLine chatLine() {
        long id = random.nextBoolean() ? 1 + random.nextInt(1000) : Math.max(1, nonNegativeLong());
        return new ChatLine(id, text.room(), text.userName(), text.upTo(MAX_TEXT), anyLong());
    }

    private String leftReason() {
        return switch (random.nextInt(3)) {
            case 0 -> Left.LEFT;
            case 1 -> Left.DISCONNECTED;
            default -> text.upTo(ChatProtocol.MAX_REF_LENGTH);
        };
    }

    private String errorCode() {
        ErrorCode[] codes = ErrorCode.values();
        return random.nextBoolean() ? codes[random.nextInt(codes.length)].wireName() : text.nonEmpty(MAX_TEXT);
    }

    /** Absent a third of the time, otherwise 1 to 64 units, often exactly 64. */
    private String ref() {
        return maybe(() -> text.nonEmpty(ChatProtocol.MAX_REF_LENGTH));
    }

    private <T> List<T> listOf(Supplier<T> element) {
        List<T> list = new ArrayList<>();
        for (int i = random.nextInt(MAX_LIST + 1); i > 0; i--) {
            list.add(element.get());
        }
        return list;
    }

    private <T> T maybe(Supplier<T> value) {
        return random.nextInt(3) == 0 ? null : value.get();
    }

    private long anyLong() {
        return switch (random.nextInt(4)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> random.nextInt(2000) - 1000;
            default -> random.nextLong();
        };
    }

    private long nonNegativeLong() {
        return random.nextBoolean() ? Long.MAX_VALUE : random.nextLong() >>> 1;
    }

    private int positiveInt() {
        return random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(Integer.MAX_VALUE - 1);
    }

    private int anyInt() {
        return switch (random.nextInt(4)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> random.nextInt(2000) - 1000;
            default -> random.nextInt();
        };
    }
}
