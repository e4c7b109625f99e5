package org.nettychat.client.cli;

/**
 * Makes text from other users safe to print on a terminal: nobody can move the cursor, recolour, retitle, clear or
 * reorder another user's screen.
 *
 * <p>Whole escape sequences (CSI {@code ESC [ ... final}, OSC/DCS/SOS/PM/APC strings up to BEL or ST, and two-character
 * {@code ESC x}) are removed, also in their 8-bit C1 forms. Any other C0 or C1 control character, DEL, and the bidi
 * embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069) are shown visibly instead: controls in
 * caret notation ({@code ^J}, {@code ^?}) or as {@code <U+0085>}, so a text cannot fake a second line either.
 */
public final class Sanitizer {

    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;
    private static final char C1_CSI = 0x9b;
    private static final char C1_ST = 0x9c;

    private Sanitizer() {
    }

    /** {@code text} with escape sequences removed and other control characters made visible; null stays null. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ESC) {
                i = skipEscape(text, i + 1);
            } else if (c == C1_CSI) {
                i = skipCsi(text, i + 1);
            } else if (isC1StringStart(c)) {
                i = skipString(text, i + 1);
            } else {
                appendVisible(out, c);
                i++;
            }
        }
        return out.toString();
    }

    /** Skips the sequence whose ESC was just before {@code i}; returns the index after it. */
    private static int skipEscape(String text, int i) {
        if (i >= text.length()) {
            return i;
        }
        char next = text.charAt(i);
        if (next == '[') {
            return skipCsi(text, i + 1);
        }
        if (next == ']' || next == 'P' || next == 'X' || next == '^' || next == '_') {
            return skipString(text, i + 1);
        }
        // A two-character sequence (ESC c, ESC 7, ...): drop the character too, unless it is a control itself.
        return next >= 0x20 && next < 0x7f ? i + 1 : i;
    }

    /** Skips CSI parameter and intermediate bytes up to and including the final byte. */
    private static int skipCsi(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c >= 0x40 && c <= 0x7e) {
                return i;
            }
            if (c < 0x20 || c > 0x7e) {
                // Malformed: end the sequence here and treat this character on its own.
                return i - 1;
            }
        }
        return i;
    }

    /** Skips an OSC/DCS-style string up to and including its terminator: BEL, ST (ESC \) or C1 ST. */
    private static int skipString(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == BEL || c == C1_ST) {
                return i;
            }
            if (c == ESC) {
                return i < text.length() && text.charAt(i) == '\\' ? i + 1 : i;
            }
        }
        return i;
    }

    private static boolean isC1StringStart(char c) {
        return c == 0x90 || c == 0x98 || c == 0x9d || c == 0x9e || c == 0x9f;
    }

    private static void appendVisible(StringBuilder out, char c) {
        if (c < 0x20) {
            out.append('^').append((char) (c + '@'));
        } else if (c == 0x7f) {
            out.append("^?");
        } else if (c >= 0x80 && c < 0xa0 || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
            out.append(String.format("<U+%04X>", (int) c));
        } else {
            out.append(c);
        }
    }
}
