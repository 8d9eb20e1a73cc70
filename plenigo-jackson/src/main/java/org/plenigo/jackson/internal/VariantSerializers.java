package org.plenigo.jackson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import java.io.IOException;

/**
 * Makes a variant of a sealed family write its {@value CoreTypes#TYPE_PROPERTY} also where Jackson
 * would not ask for it: where the declared type knows no family ({@code Object}, a
 * {@code List<DomainEvent>}, a map's values), so that what is written can always be read back as
 * its family.
 */
public final class VariantSerializers extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription beanDesc,
                                              JsonSerializer<?> serializer) {
        Class<?> type = beanDesc.getBeanClass();
        if (CoreTypes.isPolymorphic(type) && !CoreTypes.isFamily(type)) {
            @SuppressWarnings("unchecked")
            JsonSerializer<Object> delegate = (JsonSerializer<Object>) serializer;
            return new Typed(type, delegate);
        }
        return serializer;
    }

    static final class Typed extends JsonSerializer<Object> implements ContextualSerializer, ResolvableSerializer {
        private final Class<?> type;
        private final JsonSerializer<Object> delegate;

        Typed(Class<?> type, JsonSerializer<Object> delegate) {
            this.type = type;
            this.delegate = delegate;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            TypeSerializer typeSerializer = provider.findTypeSerializer(provider.constructType(type));
            delegate.serializeWithType(value, gen, provider, typeSerializer);
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider,
                                      TypeSerializer typeSerializer) throws IOException {
            delegate.serializeWithType(value, gen, provider, typeSerializer);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (delegate instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            JsonSerializer<?> contextual = provider.handleSecondaryContextualization(delegate, property);
            return contextual == delegate ? this : new Typed(type, (JsonSerializer<Object>) contextual);
        }

        @Override
        public Class<Object> handledType() {
            return delegate.handledType();
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return delegate.isEmpty(provider, value);
        }
    }
}
