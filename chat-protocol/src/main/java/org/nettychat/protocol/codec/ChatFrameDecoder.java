package org.nettychat.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ErrorCode;

/**
 * Splits the byte stream into {@link ChatFrame}s: {@code ULEN USER BLEN BODY}.
 *
 * <p>Each length is checked against its limit as soon as its header has arrived, so a frame that declares too much
 * fails before any of its body is buffered. After the first error the decoder discards everything that follows; it
 * never tries to find the next frame in garbage.
 *
 * <p>A subclass may read frames where they lie in the read buffer, without a {@link ChatFrame}, by overriding
 * {@link #frame}, the way {@code LengthFieldBasedFrameDecoder#extractFrame} lets it choose what a frame becomes.
 */
public class ChatFrameDecoder extends ByteToMessageDecoder {

    /** Name of this handler in a pipeline. */
    public static final String NAME = "frame-decoder";

    private static final int HEADERS_LENGTH = 2 * ChatProtocol.HEADER_LENGTH;

    private final int maxBodyBytes;
    private boolean failed;

    /** A decoder that accepts bodies of up to {@link ChatProtocol#DEFAULT_MAX_BODY_BYTES}. */
    public ChatFrameDecoder() {
        this(ChatProtocol.DEFAULT_MAX_BODY_BYTES);
    }

    /** A decoder that accepts bodies of up to {@code maxBodyBytes}. */
    public ChatFrameDecoder(int maxBodyBytes) {
        if (maxBodyBytes < 1 || maxBodyBytes > ChatProtocol.MAX_HEADER_VALUE) {
            throw new IllegalArgumentException(
                    "maxBodyBytes: " + maxBodyBytes + " (expected: 1.." + ChatProtocol.MAX_HEADER_VALUE + ")");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Object frame = decodeFrame(in);
            if (frame != null) {
                out.add(frame);
            }
        } catch (ChatCodecException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /**
     * Returns what the next frame becomes, or null: without moving the reader index when the frame is not complete
     * yet, after it when {@link #frame} passes nothing on.
     */
    private Object decodeFrame(ByteBuf in) {
        int start = in.readerIndex();
        int userLength = FrameHeaders.parse(in, start, in.readableBytes(), "user");
        if (userLength == FrameHeaders.INCOMPLETE) {
            return null;
        }
        checkLimit(userLength, ChatProtocol.MAX_USERNAME_BYTES, "user");

        int bodyHeader = start + ChatProtocol.HEADER_LENGTH + userLength;
        int bodyHeaderAvailable = in.writerIndex() - bodyHeader;
        if (bodyHeaderAvailable <= 0) {
            return null;
        }
        int bodyLength = FrameHeaders.parse(in, bodyHeader, bodyHeaderAvailable, "body");
        if (bodyLength == FrameHeaders.INCOMPLETE) {
            return null;
        }
        checkLimit(bodyLength, maxBodyBytes, "body");

        if (in.readableBytes() < HEADERS_LENGTH + userLength + bodyLength) {
            return null;
        }
        int bodyIndex = bodyHeader + ChatProtocol.HEADER_LENGTH;
        Object frame = frame(in, start + ChatProtocol.HEADER_LENGTH, userLength, bodyIndex, bodyLength);
        in.readerIndex(bodyIndex + bodyLength);
        return frame;
    }

    /**
     * What a complete frame, whose headers are valid and within the limits, becomes: by default a {@link ChatFrame}
     * with the USER field checked and decoded and a retained slice of the body. The decoder moves past the frame
     * afterwards; an override must not move the reader index, and returns null to pass nothing on.
     *
     * @param in         the buffer holding the frame
     * @param userIndex  index of the USER field in {@code in}
     * @param userLength its length in bytes
     * @param bodyIndex  index of the BODY in {@code in}
     * @param bodyLength its length in bytes
     * @throws ChatCodecException with {@link ErrorCode#BAD_USER} when USER is not UTF-8
     */
    protected Object frame(ByteBuf in, int userIndex, int userLength, int bodyIndex, int bodyLength) {
        String user = readUser(in, userIndex, userLength);
        return new ChatFrame(user, in.retainedSlice(bodyIndex, bodyLength));
    }

    private static void checkLimit(int length, int max, String field) {
        if (length > max) {
            throw new ChatCodecException(
                    ErrorCode.TOO_LARGE, field + " length: " + length + " (expected: <= " + max + ")");
        }
    }

    private static String readUser(ByteBuf in, int index, int length) {
        if (length == 0) {
            return "";
        }
        if (!ByteBufUtil.isText(in, index, length, StandardCharsets.UTF_8)) {
            throw new ChatCodecException(ErrorCode.BAD_USER, "user is not valid UTF-8");
        }
        return in.toString(index, length, StandardCharsets.UTF_8);
    }
}
