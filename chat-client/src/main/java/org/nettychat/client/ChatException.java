package org.nettychat.client;

import java.util.Optional;
import org.nettychat.protocol.ErrorCode;

/**
 * Why a request or a session failed: the server refused it (then {@link #code()} names the error code) or the
 * connection was lost or closed before an answer came.
 */
public final class ChatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    /** The server refused a request with {@code code}; {@code text} is the server's explanation. */
    public ChatException(ErrorCode code, String text) {
        super(code.wireName() + ": " + text);
        this.code = code;
    }

    /** A failure on this side, such as a lost connection. */
    public ChatException(String message, Throwable cause) {
        super(message, cause);
        this.code = null;
    }

    /** The server's error code, or empty when the failure happened on this side. */
    public Optional<ErrorCode> code() {
        return Optional.ofNullable(code);
    }

    /** Whether the server refused the login itself: the name is invalid or taken, or the password is wrong. */
    public boolean isLoginRefused() {
        return code == ErrorCode.BAD_NAME || code == ErrorCode.NAME_TAKEN || code == ErrorCode.AUTH_FAILED;
    }
}
