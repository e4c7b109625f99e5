package org.nettychat.protocol;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rules for users and rooms (see {@code PROTOCOL.md}), shared by server and clients so both refuse the
 * same names.
 */
public final class Names {

    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9_.-]{0," + (ChatProtocol.MAX_ROOM_LENGTH - 1) + "}");

    private Names() {
    }

    /**
     * Why {@code name} is not a valid user name, or empty when it is. A valid name is 1-32 bytes of UTF-8 in NFC; it
     * holds letters, digits, combining marks and {@code _ - .}, starts with a letter or digit, and its letters all
     * come from one script, so look-alikes made by mixing scripts are refused.
     */
    public static Optional<String> userNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ChatProtocol.MAX_USERNAME_BYTES) {
            return Optional.of("name is " + bytes + " bytes (expected: <= " + ChatProtocol.MAX_USERNAME_BYTES + ")");
        }
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            return Optional.of("name is not in Unicode NFC form");
        }
        if (!Character.isLetterOrDigit(name.codePointAt(0))) {
            return Optional.of("name must start with a letter or digit");
        }
        Character.UnicodeScript script = null;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (!isAllowedInName(cp)) {
                return Optional.of(String.format("name contains U+%04X (allowed: letters, digits, _ - .)", cp));
            }
            if (Character.isLetter(cp)) {
                Character.UnicodeScript letterScript = Character.UnicodeScript.of(cp);
                if (script != null && script != letterScript) {
                    return Optional.of("name mixes letters of scripts " + script + " and " + letterScript);
                }
                script = letterScript;
            }
        }
        return Optional.empty();
    }

    /** The key under which a name is unique: names that differ only in case or compatibility form collide. */
    public static String userKey(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The canonical form of a room name: lower case. Validate it with {@link #roomProblem}. */
    public static String canonicalRoom(String room) {
        return room.toLowerCase(Locale.ROOT);
    }

    /** Why {@code room} (already canonical) is not a valid room name, or empty when it is. */
    public static Optional<String> roomProblem(String room) {
        if (room == null || !ROOM.matcher(room).matches()) {
            return Optional.of("room name " + (room == null ? "missing" : "\"" + room + "\"")
                    + " (expected: 1-" + ChatProtocol.MAX_ROOM_LENGTH
                    + " of a-z 0-9 _ . -, starting with a letter or digit)");
        }
        return Optional.empty();
    }

    private static boolean isAllowedInName(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.'
                || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }
}
