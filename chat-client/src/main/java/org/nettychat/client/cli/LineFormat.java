package org.nettychat.client.cli;

import org.nettychat.protocol.ChatLine;
import org.nettychat.protocol.DirectMessage;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Joined;
import org.nettychat.protocol.Left;
import org.nettychat.protocol.codec.MessageJson;

/**
 * Turns what the server sends into lines to print: {@code [room] user: text} (user names coloured, one colour per
 * user, when colour is on) or one JSON object per line. Everything from the server is passed through the
 * {@link Sanitizer} first; JSON lines carry the data exactly, escaped by the JSON writer.
 */
final class LineFormat {

    /** How lines look. */
    enum Style {
        /** {@code [room] user: text} without colour. */
        PLAIN,
        /** {@code [room] user: text} with a colour per user. */
        COLOR,
        /** One JSON object per line, as the protocol encodes the message. */
        JSON
    }

    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";
    /** Red, green, yellow, blue, magenta, cyan, and their bright forms. */
    private static final int[] COLORS = {31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96};

    private final Style style;

    LineFormat(Style style) {
        this.style = style;
    }

    Style style() {
        return style;
    }

    String message(ChatLine line) {
        if (style == Style.JSON) {
            return MessageJson.toJson(line);
        }
        return "[" + Sanitizer.clean(line.room()) + "] " + user(line.from()) + ": " + Sanitizer.clean(line.text());
    }

    String directMessage(DirectMessage dm) {
        if (style == Style.JSON) {
            return MessageJson.toJson(dm);
        }
        return "[dm] " + user(dm.from()) + ": " + Sanitizer.clean(dm.text());
    }

    String joined(Joined joined) {
        return notice("* " + Sanitizer.clean(joined.user()) + " joined " + Sanitizer.clean(joined.room()));
    }

    String left(Left left) {
        String why = Left.KICKED.equals(left.reason()) ? " (kicked)"
                : Left.DISCONNECTED.equals(left.reason()) ? " (disconnected)" : "";
        return notice("* " + Sanitizer.clean(left.user()) + " left " + Sanitizer.clean(left.room()) + why);
    }

    String error(ErrorMessage error) {
        return "error " + Sanitizer.clean(error.code()) + ": " + Sanitizer.clean(error.text());
    }

    /** A line of this client's own (help, command results), dimmed when colour is on. */
    String notice(String text) {
        return style == Style.COLOR ? DIM + text + RESET : text;
    }

    /** A user name, safe to print and coloured by a hash of the name when colour is on. */
    String user(String name) {
        String clean = Sanitizer.clean(name);
        if (style != Style.COLOR) {
            return clean;
        }
        int color = COLORS[Math.floorMod(name.hashCode(), COLORS.length)];
        return "\u001b[" + color + "m" + clean + RESET;
    }
}
