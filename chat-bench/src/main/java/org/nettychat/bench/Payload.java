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

    /** Reads stamps out of frame bodies; keeps the last one read. Not thread-safe: one per event loop or channel. */
    static final class Reader {

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
            int start = body.readerIndex();
            int end = body.writerIndex();
            if (!startsWith(body, start, end, MESSAGE_PREFIX)) {
                return false;
            }
            int text = find(body, start + MESSAGE_PREFIX.length, end, TEXT_MARKER);
            if (text < 0) {
                return false;
            }
            int i = text + TEXT_MARKER.length;
            boolean negative = i < end && body.getByte(i) == '-';
            if (negative) {
                i++;
            }
            long nanos = 0;
            int digits = 0;
            byte b;
            while (i < end && (b = body.getByte(i)) >= '0' && b <= '9' && digits < 19) {
                nanos = nanos * 10 + (b - '0');
                digits++;
                i++;
            }
            if (digits == 0 || i >= end || body.getByte(i) != ':') {
                return false;
            }
            i++;
            int stepValue = 0;
            int stepDigits = 0;
            while (i < end && (b = body.getByte(i)) >= '0' && b <= '9' && stepDigits < 9) {
                stepValue = stepValue * 10 + (b - '0');
                stepDigits++;
                i++;
            }
            if (stepDigits == 0 || i >= end || body.getByte(i) != ':') {
                return false;
            }
            sendNanos = negative ? -nanos : nanos;
            step = stepValue;
            return true;
        }

        private static boolean startsWith(ByteBuf body, int start, int end, byte[] prefix) {
            if (end - start < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (body.getByte(start + i) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static int find(ByteBuf body, int from, int end, byte[] needle) {
            for (int i = from; i + needle.length <= end; i++) {
                if (body.getByte(i) == needle[0] && startsWith(body, i, end, needle)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
