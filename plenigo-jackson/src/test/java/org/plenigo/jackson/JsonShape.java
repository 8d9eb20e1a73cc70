package org.plenigo.jackson;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.plenigo.core.money.Money;
import org.plenigo.jackson.internal.CoreTypes;

/**
 * Checks a value's JSON against the mapping rules, walking both together: money has its amount as
 * a string, ids are strings, instants ISO strings ending in {@code Z}, dates ISO dates, enums
 * their names, decimals strings, variants of a sealed family name themselves in
 * {@value CoreTypes#TYPE_PROPERTY}, and empty Optionals are left out.
 */
final class JsonShape {
    private JsonShape() {
    }

    /** Adds to {@code problems} each rule {@code json} breaks as the JSON of {@code value}, with its path. */
    static void check(Object value, JsonNode json, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        Class<?> type = value.getClass();
        if (value instanceof Money money) {
            if (!json.isObject() || json.size() != 2 || !json.path("amount").isTextual()
                    || !json.path("amount").textValue().equals(money.amount().toPlainString())
                    || !json.path("currency").textValue().equals(money.currency().getCurrencyCode())) {
                problems.add(path + ": money must be {\"amount\": \"" + money.amount().toPlainString()
                        + "\", \"currency\": ...}, was " + json);
            }
        } else if (CoreTypes.isId(type)) {
            if (!json.isTextual() || !json.textValue().equals(value.toString())) {
                problems.add(path + ": an id must be its string, was " + json);
            }
        } else if (value instanceof Instant instant) {
            if (!json.isTextual() || !json.textValue().endsWith("Z") || !Instant.parse(json.textValue()).equals(instant)) {
                problems.add(path + ": an instant must be an ISO-8601 string in UTC, was " + json);
            }
        } else if (value instanceof LocalDate date) {
            if (!json.isTextual() || !json.textValue().equals(date.toString())) {
                problems.add(path + ": a date must be an ISO date, was " + json);
            }
        } else if (type.getPackageName().equals("java.time") || value instanceof BigDecimal) {
            if (!json.isTextual()) {
                problems.add(path + ": a " + type.getSimpleName() + " must be a string, was " + json);
            }
        } else if (value instanceof Enum<?> constant) {
            if (!json.isTextual() || !json.textValue().equals(constant.name())) {
                problems.add(path + ": an enum must be its name, was " + json);
            }
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(present -> check(present, json, path, problems));
        } else if (value instanceof Collection<?> collection) {
            if (!json.isArray() || json.size() != collection.size()) {
                problems.add(path + ": a collection must be an array of its elements, was " + json);
                return;
            }
            Iterator<JsonNode> elements = json.elements();
            int i = 0;
            for (Object element : collection) {
                check(element, elements.next(), path + "[" + i++ + "]", problems);
            }
        } else if (value instanceof Map<?, ?> map) {
            if (!json.isObject() || json.size() != map.size()) {
                problems.add(path + ": a map must be an object, was " + json);
            }
        } else if (type.isRecord() && CoreTypes.isCore(type) && json.isObject()) {
            checkRecord(value, json, path, problems);
        } else if (type.isRecord() && CoreTypes.isCore(type) && !json.isTextual()) {
            problems.add(path + ": a record must be an object of its components (or its text), was " + json);
        }
    }

    private static void checkRecord(Object value, JsonNode json, String path, List<String> problems) {
        Class<?> type = value.getClass();
        if (CoreTypes.isPolymorphic(type)
                && !CoreTypes.typeName(type).equals(json.path(CoreTypes.TYPE_PROPERTY).textValue())) {
            problems.add(path + ": a variant must carry " + CoreTypes.TYPE_PROPERTY + " \"" + CoreTypes.typeName(type)
                    + "\", was " + json);
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Object componentValue;
            try {
                componentValue = component.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String at = path + "." + component.getName();
            JsonNode child = json.get(component.getName());
            boolean empty = componentValue instanceof Optional<?> o && o.isEmpty()
                    || componentValue instanceof OptionalInt i && i.isEmpty()
                    || componentValue instanceof OptionalLong l && l.isEmpty();
            if (empty) {
                if (child != null) {
                    problems.add(at + ": an empty Optional must be left out, was " + child);
                }
            } else if (child == null) {
                problems.add(at + ": missing");
            } else {
                check(componentValue, child, at, problems);
            }
        }
    }
}
