package org.nettychat.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ChatProtocol;

/**
 * Writes a typed message straight to a complete frame, USER taken from {@link ChatMessage#sender()}. Stateless and
 * shared by all channels. {@link #encode(ByteBufAllocator, ChatMessage)} makes the bytes of a broadcast once, to be
 * written to every member.
 */
@Sharable
public final class ChatMessageEncoder extends MessageToByteEncoder<ChatMessage> {

    /** Name of this handler in a pipeline. */
    public static final String NAME = "message-encoder";

    /** The one instance. */
    public static final ChatMessageEncoder INSTANCE = new ChatMessageEncoder();

    /** A typical frame fits in this many bytes, so the buffer rarely grows while JSON is written. */
    private static final int INITIAL_CAPACITY = 256;

    private ChatMessageEncoder() {
        super(ChatMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ChatMessage message, ByteBuf out) {
        encode(message, out);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ChatMessage message, boolean preferDirect) {
        return preferDirect ? ctx.alloc().ioBuffer(INITIAL_CAPACITY) : ctx.alloc().heapBuffer(INITIAL_CAPACITY);
    }

    /** Encodes {@code message} as one complete frame in a new buffer that the caller owns. */
    public static ByteBuf encode(ByteBufAllocator alloc, ChatMessage message) {
        ByteBuf out = alloc.ioBuffer(INITIAL_CAPACITY);
        try {
            encode(message, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Appends {@code message} as one complete frame to {@code out}. */
    public static void encode(ChatMessage message, ByteBuf out) {
        ChatFrameEncoder.writeUser(message.sender(), out);
        int bodyHeader = out.writerIndex();
        out.ensureWritable(ChatProtocol.HEADER_LENGTH);
        out.writerIndex(bodyHeader + ChatProtocol.HEADER_LENGTH);
        MessageJson.write(message, out);
        FrameHeaders.set(out, bodyHeader, out.writerIndex() - bodyHeader - ChatProtocol.HEADER_LENGTH);
    }
}
