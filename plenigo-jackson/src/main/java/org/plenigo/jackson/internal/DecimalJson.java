package org.plenigo.jackson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A {@code BigDecimal} component of a core record (a tax rate's percent) as a plain string such as
 * {@code "19.00"}, for the same reason as money: a JSON number may pass through a binary float.
 */
public final class DecimalJson {
    private DecimalJson() {
    }

    public static final class Serializer extends StdSerializer<BigDecimal> {
        public Serializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toPlainString());
        }
    }

    public static final class Deserializer extends StdDeserializer<BigDecimal> {
        public Deserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p.currentToken(), p,
                        "a decimal must be a string such as \"19.00\"");
            }
            String text = p.getText();
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, text, "not a decimal number");
            }
        }
    }
}
