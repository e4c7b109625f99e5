package org.nettychat.protocol.codec;

import io.netty.handler.codec.DecoderException;
import java.util.Objects;
import org.nettychat.protocol.ErrorCode;

/**
 * A protocol error found while decoding, carrying the {@link ErrorCode} to answer with. Whether the connection
 * survives it is {@link ErrorCode#closesConnection()}.
 */
public final class ChatCodecException extends DecoderException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ChatCodecException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ChatCodecException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The error code to send to the peer. */
    public ErrorCode code() {
        return code;
    }
}
