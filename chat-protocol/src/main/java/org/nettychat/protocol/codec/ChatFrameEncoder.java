package org.nettychat.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.nettychat.protocol.ChatProtocol;

/** Writes {@link ChatFrame}s as {@code ULEN USER BLEN BODY}; stateless and shared by all channels. */
@Sharable
public final class ChatFrameEncoder extends MessageToByteEncoder<ChatFrame> {

    /** Name of this handler in a pipeline. */
    public static final String NAME = "frame-encoder";

    /** The one instance. */
    public static final ChatFrameEncoder INSTANCE = new ChatFrameEncoder();

    private ChatFrameEncoder() {
        super(ChatFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ChatFrame frame, ByteBuf out) {
        encode(frame.user(), frame.body(), out);
    }

    /**
     * Appends one frame to {@code out}; {@code body} is read from its reader index and not released.
     *
     * @throws IllegalArgumentException if the user is longer than {@link ChatProtocol#MAX_USERNAME_BYTES} bytes
     */
    public static void encode(String user, ByteBuf body, ByteBuf out) {
        writeUser(user, out);
        FrameHeaders.write(out, body.readableBytes());
        out.writeBytes(body, body.readerIndex(), body.readableBytes());
    }

    /** Appends the ULEN header and USER field. */
    static void writeUser(String user, ByteBuf out) {
        int userBytes = ByteBufUtil.utf8Bytes(user);
        if (userBytes > ChatProtocol.MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException(
                    "user length: " + userBytes + " bytes (expected: <= " + ChatProtocol.MAX_USERNAME_BYTES + ")");
        }
        FrameHeaders.write(out, userBytes);
        ByteBufUtil.writeUtf8(out, user);
    }
}
