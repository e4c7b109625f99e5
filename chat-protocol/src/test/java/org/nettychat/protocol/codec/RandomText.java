package org.nettychat.protocol.codec;

import java.util.Random;
import org.nettychat.protocol.ChatProtocol;

/**
 * Random valid Unicode strings for property tests: any code point but a surrogate, weighted towards what breaks
 * codecs (JSON-special and control characters, combining marks, right-to-left text, bidi controls, characters outside
 * the BMP). Lengths are in UTF-16 units, as the records count them, or in UTF-8 bytes for user names.
 */
final class RandomText {

    /** Inclusive code point ranges, each drawn equally often. */
    private static final int[][] RANGES = {
        {0x20, 0x7e},       // printable ASCII, with " \ and /
        {0x00, 0x1f},       // C0 controls: tab, newline, NUL...
        {0x7f, 0x9f},       // DEL and C1 controls
        {0xa0, 0x24f},      // Latin-1 and Latin Extended
        {0x300, 0x36f},     // combining diacritical marks
        {0x590, 0x6ff},     // Hebrew and Arabic (right to left)
        {0x200b, 0x202e},   // zero-width characters, line and paragraph separators, bidi embeddings and overrides
        {0x4e00, 0x9fff},   // CJK ideographs
        {0xfe00, 0xffff},   // variation selectors, BOM, specials, non-characters U+FFFE and U+FFFF
        {0x1f300, 0x1faff}, // emoji
        {0x0, 0x10ffff},    // anything, surrogates excepted
    };

    private static final int[] PRINTABLE_ASCII = RANGES[0];

    private final Random random;

    RandomText(Random random) {
        this.random = random;
    }

    /** Exactly {@code units} UTF-16 units. */
    String ofLength(int units) {
        StringBuilder text = new StringBuilder(units);
        while (text.length() < units) {
            int cp = codePoint();
            if (text.length() + Character.charCount(cp) <= units) {
                text.appendCodePoint(cp);
            }
        }
        return text.toString();
    }

    /** 0 to {@code maxUnits} UTF-16 units. */
    String upTo(int maxUnits) {
        return ofLength(random.nextInt(maxUnits + 1));
    }

    /** 1 to {@code maxUnits} UTF-16 units; the maximum itself one time in four. */
    String nonEmpty(int maxUnits) {
        return ofLength(random.nextInt(4) == 0 ? maxUnits : 1 + random.nextInt(maxUnits));
    }

    /** 1 to 32 bytes of UTF-8, the USER limit; any characters, since the records do not apply the naming rules. */
    String userName() {
        int maxBytes = random.nextBoolean()
                ? ChatProtocol.MAX_USERNAME_BYTES
                : 1 + random.nextInt(ChatProtocol.MAX_USERNAME_BYTES);
        StringBuilder name = new StringBuilder();
        int bytes = 0;
        while (bytes < maxBytes) {
            int cp = codePoint();
            if (bytes + utf8Length(cp) > maxBytes) {
                cp = in(PRINTABLE_ASCII);
            }
            name.appendCodePoint(cp);
            bytes += utf8Length(cp);
        }
        return name.toString();
    }

    /** Usually a name the server would accept, sometimes any text: the records leave room rules to the server. */
    String room() {
        if (random.nextInt(4) == 0) {
            return upTo(ChatProtocol.MAX_ROOM_LENGTH);
        }
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_.-";
        StringBuilder room = new StringBuilder().append(alphabet.charAt(random.nextInt(36)));
        for (int i = random.nextInt(ChatProtocol.MAX_ROOM_LENGTH); i > 0; i--) {
            room.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return room.toString();
    }

    private int codePoint() {
        while (true) {
            int cp = in(RANGES[random.nextInt(RANGES.length)]);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                return cp;
            }
        }
    }

    private int in(int[] range) {
        return range[0] + random.nextInt(range[1] - range[0] + 1);
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
