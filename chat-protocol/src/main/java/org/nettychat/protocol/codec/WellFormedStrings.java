package org.nettychat.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Refuses JSON strings that hold an unpaired surrogate ({@code "\ud800"}): valid JSON, but not text, and a receiver
 * that passed it on would write it again (per spec, {@code bad-message}).
 */
final class WellFormedStrings extends StdScalarDeserializer<String> {

    private static final long serialVersionUID = 1L;

    private WellFormedStrings() {
        super(String.class);
    }

    /** The module that installs this check for every string field. */
    static SimpleModule module() {
        return new SimpleModule("well-formed-strings").addDeserializer(String.class, new WellFormedStrings());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return context.reportInputMismatch(String.class,
                            "string holds an unpaired surrogate U+%04X at index %d", (int) c, i);
                }
            }
        }
        return value;
    }
}
