package org.nettychat.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.ServerMessage;

/**
 * The one configured Jackson mapper of the protocol, with a reader per direction and a writer.
 *
 * <p>Reading is strict where it protects the server (nesting depth, number length, duplicate keys, no coercion between
 * JSON types, no trailing data) and lenient where it keeps peers compatible (unknown fields are ignored).
 */
public final class MessageJson {

    /** Deepest JSON nesting accepted; messages need 4 levels at most. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Longest JSON number accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 20;

    private static final ObjectMapper MAPPER = newMapper();
    private static final ObjectReader CLIENT_READER = MAPPER.readerFor(ClientMessage.class);
    private static final ObjectReader SERVER_READER = MAPPER.readerFor(ServerMessage.class);
    private static final ObjectWriter WRITER = MAPPER.writerFor(ChatMessage.class);

    private MessageJson() {
    }

    /** Parses a message sent by a client. */
    public static ClientMessage readClientMessage(ByteBuf body) {
        return read(CLIENT_READER, body);
    }

    /** Parses a message sent by the server. */
    public static ServerMessage readServerMessage(ByteBuf body) {
        return read(SERVER_READER, body);
    }

    /** Appends the JSON form of {@code message} to {@code out}. */
    public static void write(ChatMessage message, ByteBuf out) {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            WRITER.writeValue((java.io.OutputStream) stream, message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The JSON form of {@code message}, as a string (for logs, tests and JSON-lines output). */
    public static String toJson(ChatMessage message) {
        try {
            return WRITER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(ObjectReader reader, ByteBuf body) {
        try (ByteBufInputStream stream = new ByteBufInputStream(body.duplicate())) {
            return reader.readValue((java.io.InputStream) stream);
        } catch (JsonProcessingException e) {
            throw classify(e);
        } catch (IOException e) {
            throw new ChatCodecException(ErrorCode.BAD_JSON, String.valueOf(e.getMessage()), e);
        }
    }

    /** Syntax and limit problems are {@code bad-json}; well-formed JSON of the wrong shape is {@code bad-message}. */
    private static ChatCodecException classify(JsonProcessingException e) {
        if (e instanceof InvalidTypeIdException invalidType) {
            return invalidType.getTypeId() == null
                    ? new ChatCodecException(ErrorCode.BAD_MESSAGE, "missing field: type", e)
                    : new ChatCodecException(ErrorCode.UNKNOWN_TYPE, "unknown type: " + invalidType.getTypeId(), e);
        }
        if (causedBy(e, InputCoercionException.class)) {
            return new ChatCodecException(ErrorCode.BAD_MESSAGE, describe(e), e);
        }
        if (causedBy(e, JsonParseException.class) || causedBy(e, StreamConstraintsException.class)
                || describe(e).startsWith("Trailing token")) {
            return new ChatCodecException(ErrorCode.BAD_JSON, describe(e), e);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && !mismatch.getPath().isEmpty()) {
            return new ChatCodecException(ErrorCode.BAD_MESSAGE,
                    fieldPath(mismatch) + ": expected " + jsonKind(mismatch.getTargetType()), e);
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return new ChatCodecException(ErrorCode.BAD_MESSAGE, String.valueOf(e.getCause().getMessage()), e);
        }
        return new ChatCodecException(
                e instanceof JsonMappingException ? ErrorCode.BAD_MESSAGE : ErrorCode.BAD_JSON, describe(e), e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Where in the message the mismatch is, as {@code resume.dev} or {@code rooms[2].name}. */
    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The JSON kind of value a field of this Java type takes. */
    private static String jsonKind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** The first line of Jackson's message, without the source excerpt it appends. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }

    private static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Emoji as their four UTF-8 bytes, not as escaped surrogate pairs.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(WellFormedStrings.module())
                .build();
        // A string is a string and a number a number: "5" is no id, 5 is no text.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
