package org.plenigo.jackson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.plenigo.core.PlenigoException;

/**
 * Ids (core records with a single {@code String} component, see {@link CoreTypes#isId}) as plain
 * JSON strings, as values and as map keys; read back through the canonical constructor, so an id
 * is checked as the core checks it.
 */
public final class IdJson {
    private IdJson() {
    }

    /** How to take an id's text out and put it back in. */
    record Access(Class<?> type, MethodHandle accessor, Constructor<?> constructor) {
        static Access of(Class<?> type) {
            try {
                MethodHandle accessor = MethodHandles.publicLookup()
                        .unreflect(type.getRecordComponents()[0].getAccessor());
                return new Access(type, accessor, type.getDeclaredConstructor(String.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the id " + type.getName() + " has no public accessor and constructor", e);
            }
        }

        String text(Object id) {
            try {
                return (String) accessor.invoke(id);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read the id " + type.getName(), e);
            }
        }

        /** The id of {@code text}, or the core's reason why {@code text} is not one. */
        Object id(String text, DeserializationContext ctxt) throws IOException {
            try {
                return constructor.newInstance(text);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof PlenigoException invalid) {
                    return ctxt.handleWeirdStringValue(type, text, invalid.getMessage());
                }
                throw new IllegalStateException("cannot make the id " + type.getName(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make the id " + type.getName(), e);
            }
        }
    }

    public static final class Serializer extends StdSerializer<Object> {
        private final Access access;

        public Serializer(Class<?> type) {
            super(Object.class);
            this.access = Access.of(type);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(access.text(value));
        }
    }

    public static final class KeySerializer extends StdSerializer<Object> {
        private final Access access;

        public KeySerializer(Class<?> type) {
            super(Object.class);
            this.access = Access.of(type);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeFieldName(access.text(value));
        }
    }

    public static final class Deserializer extends StdDeserializer<Object> {
        private final Access access;

        public Deserializer(Class<?> type) {
            super(type);
            this.access = Access.of(type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return ctxt.handleUnexpectedToken(access.type(), p.currentToken(), p,
                        "%s must be a string", access.type().getSimpleName());
            }
            return access.id(p.getText(), ctxt);
        }
    }

    public static final class KeyReader extends KeyDeserializer {
        private final Access access;

        public KeyReader(Class<?> type) {
            this.access = Access.of(type);
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return access.id(key, ctxt);
        }
    }
}
