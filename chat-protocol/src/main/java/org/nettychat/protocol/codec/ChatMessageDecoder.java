package org.nettychat.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.Say;

/**
 * Turns {@link ChatFrame}s into typed messages: on the server, {@code ClientMessage}s; on a client,
 * {@code ServerMessage}s. Stateless and shared by all channels of one side.
 *
 * <p>On the server, a BODY that is not a JSON object (its first non-blank byte is not '{') is plain text and becomes a
 * {@link Say} to the sender's current room, so that a minimal client can chat. A {@code hello} whose frame names a
 * USER other than the name it asks for is refused as impersonation.
 */
@Sharable
public final class ChatMessageDecoder extends MessageToMessageDecoder<ChatFrame> {

    /** Name of this handler in a pipeline. */
    public static final String NAME = "message-decoder";

    /** Decodes what clients send; for the server's pipeline. */
    public static final ChatMessageDecoder SERVER_SIDE = new ChatMessageDecoder(Side.SERVER);

    /** Decodes what the server sends; for a client's pipeline. */
    public static final ChatMessageDecoder CLIENT_SIDE = new ChatMessageDecoder(Side.CLIENT);

    private enum Side {
        SERVER,
        CLIENT
    }

    private final Side side;

    private ChatMessageDecoder(Side side) {
        super(ChatFrame.class);
        this.side = side;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ChatFrame frame, List<Object> out) {
        out.add(side == Side.SERVER ? decodeClientMessage(frame) : decodeServerMessage(frame.body()));
    }

    /** Decodes a frame sent by a client. */
    public static ChatMessage decodeClientMessage(ChatFrame frame) {
        ByteBuf body = frame.body();
        checkUtf8(body);
        if (!isJsonObject(body)) {
            return new Say(null, plainText(body), null);
        }
        ChatMessage message = MessageJson.readClientMessage(body);
        if (message instanceof Hello hello && !frame.user().isEmpty() && !frame.user().equals(hello.name())) {
            throw new ChatCodecException(ErrorCode.IMPERSONATION,
                    "frame user " + frame.user() + " does not match hello name " + hello.name());
        }
        return message;
    }

    /** Decodes the body of a frame sent by the server. */
    public static ChatMessage decodeServerMessage(ByteBuf body) {
        checkUtf8(body);
        if (!isJsonObject(body)) {
            throw new ChatCodecException(ErrorCode.BAD_JSON, "server frame body is not a JSON object");
        }
        return MessageJson.readServerMessage(body);
    }

    private static void checkUtf8(ByteBuf body) {
        if (!ByteBufUtil.isText(body, StandardCharsets.UTF_8)) {
            throw new ChatCodecException(ErrorCode.BAD_ENCODING, "body is not valid UTF-8");
        }
    }

    /** Per spec, a body is JSON when its first byte other than JSON whitespace is '{'. */
    private static boolean isJsonObject(ByteBuf body) {
        for (int i = body.readerIndex(); i < body.writerIndex(); i++) {
            byte b = body.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    /** Per spec, one trailing line ending (LF or CRLF) is dropped, and a blank text is refused. */
    private static String plainText(ByteBuf body) {
        String text = body.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            throw new ChatCodecException(ErrorCode.BAD_MESSAGE, "empty text");
        }
        return text;
    }
}
