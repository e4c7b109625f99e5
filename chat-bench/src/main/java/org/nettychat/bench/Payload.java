package org.nettychat.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The text of a benchmark message, {@code B<send nanoTime>:<step>:xxx...}, and a reader that finds those numbers in a
 * server {@code message} frame without decoding its JSON. Both ends run on one machine, so {@link System#nanoTime()}
 * of the sender and the receiver compare directly.
 */
final class Payload {

    private static final byte[] MESSAGE_PREFIX = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_MARKER = "\"text\":\"B".getBytes(StandardCharsets.US_ASCII);

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

    /**
     * Reads stamps out of frame bodies; keeps the last one read. It scans a copy of the body's first bytes in a plain
     * array (one bounds check per body, not per byte), since the stamp opens the text, which comes early in the JSON.
     * Not thread-safe: one per event loop or channel.
     */
    static final class Reader {

        /**
         * Bytes of a body searched for the stamp. With the protocol's limits (32-byte room and user names) the stamp
         * ends within 150 bytes: {@code {"type":"message","id":N,"room":"…","from":"…","text":"B<19 digits>:<step>:}.
         */
        static final int SCANNED_BYTES = 192;

        private final byte[] scanned = new byte[SCANNED_BYTES];
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

        /** True when {@code body} is a {@code message} with a benchmark stamp; then the stamp is readable. */
        boolean read(ByteBuf body) {
            return read(body, body.readerIndex(), body.readableBytes());
        }

        /** {@link #read(ByteBuf)} of the {@code length} bytes at {@code index} of {@code buf}. */
        boolean read(ByteBuf buf, int index, int length) {
            int end = Math.min(length, SCANNED_BYTES);
            if (end < MESSAGE_PREFIX.length) {
                return false;
            }
            byte[] b = scanned;
            buf.getBytes(index, b, 0, end);
            if (!startsWith(b, 0, end, MESSAGE_PREFIX)) {
                return false;
            }
            int text = find(b, MESSAGE_PREFIX.length, end, TEXT_MARKER);
            if (text < 0) {
                return false;
            }
            int i = text + TEXT_MARKER.length;
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

        private static boolean startsWith(byte[] b, int start, int end, byte[] prefix) {
            if (end - start < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (b[start + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Finds {@code needle} by its last byte, which is rare in the JSON before the stamp. */
        private static int find(byte[] b, int from, int end, byte[] needle) {
            byte last = needle[needle.length - 1];
            for (int i = from + needle.length - 1; i < end; i++) {
                if (b[i] == last && startsWith(b, i - needle.length + 1, end, needle)) {
                    return i - needle.length + 1;
                }
            }
            return -1;
        }
    }
}
