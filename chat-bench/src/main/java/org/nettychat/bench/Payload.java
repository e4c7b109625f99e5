package org.nettychat.bench;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The text of a benchmark message, {@code B<send nanoTime>:<step>:xxx...}, and a reader that finds those numbers in a
 * server {@code message} frame without decoding its JSON. Both ends run on one machine, so {@link System#nanoTime()}
 * of the sender and the receiver compare directly.
 */
final class Payload {

    /** How a message body opens; it is compared as its first 8 bytes, the next 8, and the last one. */
    private static final String MESSAGE_PREFIX = "{\"type\":\"message\"";
    private static final long MESSAGE_PREFIX_0 = bigEndianLong(MESSAGE_PREFIX.substring(0, Long.BYTES));
    private static final long MESSAGE_PREFIX_1 = bigEndianLong(MESSAGE_PREFIX.substring(Long.BYTES, 2 * Long.BYTES));
    private static final byte MESSAGE_PREFIX_LAST = (byte) MESSAGE_PREFIX.charAt(2 * Long.BYTES);
    private static final int MESSAGE_PREFIX_LENGTH = MESSAGE_PREFIX.length();

    /** {@code "text":"}, the 8 bytes in front of the stamp's {@code B}. */
    private static final long TEXT_KEY = bigEndianLong("\"text\":\"");

    private Payload() {
    }

    /** The text to send: the stamp, then padding up to {@code size} characters (never shorter than the stamp). */
    static String text(long sendNanos, int step, int size) {
        StringBuilder text = new StringBuilder(Math.max(size, 40));
        text.append('B').append(sendNanos).append(':').append(step).append(':');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    private static long bigEndianLong(String eightAsciiChars) {
        byte[] bytes = eightAsciiChars.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != Long.BYTES) {
            throw new IllegalArgumentException("expected 8 characters: " + eightAsciiChars);
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    /**
     * Reads stamps out of frame bodies where they lie; keeps the last one read. The generator reads millions of frames
     * a second, so it compares whole words: the body's opening against {@code {"type":"message"} (three reads), then
     * each {@code B} in the first bytes against the {@code "text":"} in front of it (one read), and only the stamp's
     * own bytes are copied out to be parsed. Not thread-safe: one per event loop or channel.
     */
    static final class Reader {

        /**
         * Bytes of a body searched for the stamp. With the protocol's limits (32-byte room and user names) the stamp
         * ends within 150 bytes: {@code {"type":"message","id":N,"room":"…","from":"…","text":"B<19 digits>:<step>:}.
         */
        static final int SCANNED_BYTES = 192;

        /** The longest stamp after its {@code B}: a sign, 19 digits, a colon, 9 step digits, a colon. */
        private static final int STAMP_BYTES = 32;

        private final byte[] stamp = new byte[STAMP_BYTES];
        private long sendNanos;
        private int step;

        /** Send time of the last stamp read. */
        long sendNanos() {
            return sendNanos;
        }

        /** Step of the last stamp read. */
        int step() {
            return step;
        }

        /**
         * True when the {@code length} bytes at {@code index} of {@code buf} are a {@code message} body with a
         * benchmark stamp; then the stamp is readable.
         */
        boolean read(ByteBuf buf, int index, int length) {
            int scanEnd = index + Math.min(length, SCANNED_BYTES);
            if (length < MESSAGE_PREFIX_LENGTH || buf.getLong(index) != MESSAGE_PREFIX_0
                    || buf.getLong(index + Long.BYTES) != MESSAGE_PREFIX_1
                    || buf.getByte(index + 2 * Long.BYTES) != MESSAGE_PREFIX_LAST) {
                return false;
            }
            int from = index + MESSAGE_PREFIX_LENGTH + Long.BYTES;
            while (true) {
                int b = from < scanEnd ? buf.indexOf(from, scanEnd, (byte) 'B') : -1;
                if (b < 0) {
                    return false;
                }
                if (buf.getLong(b - Long.BYTES) == TEXT_KEY) {
                    int end = Math.min(STAMP_BYTES, index + length - (b + 1));
                    buf.getBytes(b + 1, stamp, 0, end);
                    return parse(stamp, end);
                }
                from = b + 1;
            }
        }

        /** Parses {@code <nanos>:<step>:} from the first {@code end} bytes of {@code b}. */
        private boolean parse(byte[] b, int end) {
            int i = 0;
            boolean negative = i < end && b[i] == '-';
            if (negative) {
                i++;
            }
            long nanos = 0;
            int digits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9' && digits < 19) {
                nanos = nanos * 10 + (b[i] - '0');
                digits++;
                i++;
            }
            if (digits == 0 || i >= end || b[i] != ':') {
                return false;
            }
            i++;
            int stepValue = 0;
            int stepDigits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9' && stepDigits < 9) {
                stepValue = stepValue * 10 + (b[i] - '0');
                stepDigits++;
                i++;
            }
            if (stepDigits == 0 || i >= end || b[i] != ':') {
                return false;
            }
            sendNanos = negative ? -nanos : nanos;
            step = stepValue;
            return true;
        }
    }
}
