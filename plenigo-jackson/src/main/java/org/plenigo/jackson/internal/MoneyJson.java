package org.plenigo.jackson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Iterator;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.money.Money;

/**
 * {@link Money} as {@code {"amount": "9.99", "currency": "EUR"}}: the amount a string at the
 * currency's scale, so that no reader takes it for a binary float; read back exactly, and refused
 * (not rounded) with more fraction digits than the currency has.
 */
public final class MoneyJson {
    private MoneyJson() {
    }

    public static final class Serializer extends StdSerializer<Money> {
        public Serializer() {
            super(Money.class);
        }

        @Override
        public void serialize(Money value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(value);
            gen.writeStringField("amount", value.amount().toPlainString());
            gen.writeStringField("currency", value.currency().getCurrencyCode());
            gen.writeEndObject();
        }
    }

    public static final class Deserializer extends StdDeserializer<Money> {
        public Deserializer() {
            super(Money.class);
        }

        @Override
        public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (!node.isObject()) {
                return (Money) ctxt.handleUnexpectedToken(Money.class, p.currentToken(), p,
                        "money must be an object {\"amount\": \"9.99\", \"currency\": \"EUR\"}, was " + node);
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("amount") && !name.equals("currency")) {
                    ctxt.reportInputMismatch(Money.class, "money has only amount and currency, not '%s'", name);
                }
            }
            JsonNode amount = node.get("amount");
            JsonNode currency = node.get("currency");
            if (amount == null || !amount.isTextual()) {
                // a number here may already have passed through a binary float on its way
                ctxt.reportInputMismatch(Money.class, "money.amount must be a string such as \"9.99\", was %s", amount);
            }
            if (currency == null || !currency.isTextual()) {
                ctxt.reportInputMismatch(Money.class, "money.currency must be an ISO 4217 code string, was %s",
                        currency);
            }
            try {
                return Money.of(amount.textValue(), currency.textValue());
            } catch (PlenigoException e) {
                return (Money) ctxt.handleWeirdStringValue(Money.class, amount.textValue(), e.getMessage());
            }
        }
    }
}
