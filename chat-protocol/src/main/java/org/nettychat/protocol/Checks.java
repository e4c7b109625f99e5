package org.nettychat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Argument checks shared by the message records; failures name the field and the bound. */
final class Checks {

    private Checks() {
    }

    static String required(String value, String field) {
        return Objects.requireNonNull(value, () -> "missing field: " + field);
    }

    static String nonEmpty(String value, String field) {
        required(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty field: " + field);
        }
        return value;
    }

    static String maxLength(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " length: " + value.length() + " (expected: <= " + max + ")");
        }
        return value;
    }

    static String userName(String value, String field) {
        nonEmpty(value, field);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ChatProtocol.MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException(
                    field + " length: " + bytes + " bytes (expected: <= " + ChatProtocol.MAX_USERNAME_BYTES + ")");
        }
        return value;
    }

    /** Room names are checked against the naming rules by the server ({@code bad-room}); here only presence. */
    static String room(String value, String field) {
        return required(value, field);
    }

    static String optionalRoom(String value, String field) {
        return value == null ? null : room(value, field);
    }

    static String ref(String value) {
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException("empty field: ref (omit it instead)");
        }
        return maxLength(value, "ref", ChatProtocol.MAX_REF_LENGTH);
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
