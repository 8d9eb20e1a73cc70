package org.plenigo.jackson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.function.Function;
import org.plenigo.core.PlenigoException;

/**
 * A core value whose components are an internal representation while it has a textual form the
 * core parses (an IP address as {@code 192.0.2.1}, not its bits): written by {@code toString()},
 * read by the core's parser.
 */
public final class TextJson {
    private TextJson() {
    }

    public static final class Serializer extends StdSerializer<Object> {
        public Serializer() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    public static final class Deserializer<T> extends StdDeserializer<T> {
        private final Class<T> type;
        private final Function<String, T> parser;

        public Deserializer(Class<T> type, Function<String, T> parser) {
            super(type);
            this.type = type;
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type.cast(ctxt.handleUnexpectedToken(type, p.currentToken(), p,
                        "%s must be a string", type.getSimpleName()));
            }
            String text = p.getText();
            try {
                return parser.apply(text);
            } catch (PlenigoException e) {
                return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
            }
        }
    }
}
