package org.nettychat.protocol.codec;

import io.netty.buffer.ByteBuf;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ErrorCode;

/** Reads and writes the 8-byte ASCII length headers: 1-8 digits, left-aligned, padded with spaces. */
final class FrameHeaders {

    /** Returned by {@link #parse} while the header is valid so far but not complete. */
    static final int INCOMPLETE = -1;

    private static final byte SPACE = ' ';

    private FrameHeaders() {
    }

    /**
     * Parses the header at {@code index}, of which only {@code available} bytes (possibly fewer than 8) have arrived.
     * Fails as soon as a byte breaks the format, so garbage is refused without waiting for the full header.
     *
     * @return the length, or {@link #INCOMPLETE}
     * @throws ChatCodecException with {@link ErrorCode#BAD_HEADER}
     */
    static int parse(ByteBuf in, int index, int available, String field) {
        int length = Math.min(available, ChatProtocol.HEADER_LENGTH);
        // A complete header is read as one big-endian word (one bounds check, not eight), its first byte on top.
        boolean complete = length == ChatProtocol.HEADER_LENGTH;
        long word = complete ? in.getLong(index) : 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < length; i++) {
            int b = complete ? (int) (word >>> (Long.SIZE - Byte.SIZE * (i + 1))) & 0xff : in.getByte(index + i);
            if (digits == i && b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits++;
            } else if (b != SPACE || digits == 0) {
                throw badHeader(in, index, length, field);
            }
        }
        return complete ? value : INCOMPLETE;
    }

    /** Writes {@code value} as a complete header at the writer index. */
    static void write(ByteBuf out, int value) {
        int index = out.writerIndex();
        out.ensureWritable(ChatProtocol.HEADER_LENGTH);
        out.writerIndex(index + ChatProtocol.HEADER_LENGTH);
        set(out, index, value);
    }

    /** Overwrites the 8 bytes at {@code index} with the header for {@code value}. */
    static void set(ByteBuf out, int index, int value) {
        if (value < 0 || value > ChatProtocol.MAX_HEADER_VALUE) {
            throw new IllegalArgumentException(
                    "length: " + value + " (expected: 0.." + ChatProtocol.MAX_HEADER_VALUE + ")");
        }
        int digits = value < 10 ? 1 : (int) Math.log10(value) + 1;
        for (int i = digits - 1, rest = value; i >= 0; i--, rest /= 10) {
            out.setByte(index + i, '0' + rest % 10);
        }
        for (int i = digits; i < ChatProtocol.HEADER_LENGTH; i++) {
            out.setByte(index + i, SPACE);
        }
    }

    private static ChatCodecException badHeader(ByteBuf in, int index, int length, String field) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int b = in.getByte(index + i) & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                shown.append((char) b);
            } else {
                shown.append(String.format("\\x%02x", b));
            }
        }
        return new ChatCodecException(ErrorCode.BAD_HEADER, field + " length header: \"" + shown
                + "\" (expected: 1-8 ASCII digits, then spaces to 8 bytes)");
    }
}
