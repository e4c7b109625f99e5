package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A refused request or a protocol error (wire type {@code error}). When {@link #closesConnection()} the server closes
 * the connection right after sending it.
 *
 * @param code the error code, one of {@link ErrorCode}'s wire names (clients must accept unknown codes)
 * @param text a human-readable explanation
 * @param ref  the reference of the refused request, or null
 */
@JsonTypeName("error")
public record ErrorMessage(String code, String text, String ref) implements ServerMessage {

    public ErrorMessage {
        Checks.nonEmpty(code, "code");
        Checks.required(text, "text");
        Checks.ref(ref);
    }

    /** An error for {@code code} with the given explanation. */
    public static ErrorMessage of(ErrorCode code, String text, String ref) {
        return new ErrorMessage(code.wireName(), text, ref);
    }

    /** The known code, or {@link ErrorCode#UNKNOWN} for a code this version does not know. */
    @JsonIgnore
    public ErrorCode errorCode() {
        return ErrorCode.fromWireName(code);
    }

    /** Whether the server closes the connection after this error. */
    public boolean closesConnection() {
        return errorCode().closesConnection();
    }
}
