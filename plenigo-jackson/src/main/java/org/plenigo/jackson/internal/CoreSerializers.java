package org.plenigo.jackson.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.ser.Serializers;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.plenigo.core.access.IpAddress;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.money.Money;

/**
 * The core's types that are not mapped as records by their components: {@link Money}, ids (by
 * rule, {@link CoreTypes#isId}) and the few values with an explicit textual form.
 */
public final class CoreSerializers {
    private CoreSerializers() {
    }

    public static final class Values extends Serializers.Base {
        private final ConcurrentMap<Class<?>, JsonSerializer<?>> ids = new ConcurrentHashMap<>();

        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            Class<?> raw = type.getRawClass();
            if (raw == Money.class) {
                return new MoneyJson.Serializer();
            }
            if (raw == IpAddress.class || raw == IpRange.class) {
                return new TextJson.Serializer();
            }
            if (CoreTypes.isId(raw)) {
                return ids.computeIfAbsent(raw, IdJson.Serializer::new);
            }
            return null;
        }
    }

    public static final class Keys extends Serializers.Base {
        private final ConcurrentMap<Class<?>, JsonSerializer<?>> ids = new ConcurrentHashMap<>();

        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            Class<?> raw = type.getRawClass();
            return CoreTypes.isId(raw) ? ids.computeIfAbsent(raw, IdJson.KeySerializer::new) : null;
        }
    }

    public static final class ValueReaders extends Deserializers.Base {
        private final ConcurrentMap<Class<?>, JsonDeserializer<?>> ids = new ConcurrentHashMap<>();

        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                                                        BeanDescription beanDesc) {
            Class<?> raw = type.getRawClass();
            if (raw == Money.class) {
                return new MoneyJson.Deserializer();
            }
            if (raw == IpAddress.class) {
                return new TextJson.Deserializer<>(IpAddress.class, IpAddress::parse);
            }
            if (raw == IpRange.class) {
                return new TextJson.Deserializer<>(IpRange.class, IpRange::parse);
            }
            if (CoreTypes.isId(raw)) {
                return ids.computeIfAbsent(raw, IdJson.Deserializer::new);
            }
            return null;
        }

        @Override
        public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
            return valueType == Money.class || valueType == IpAddress.class || valueType == IpRange.class
                    || CoreTypes.isId(valueType);
        }
    }

    public static final class KeyReaders implements KeyDeserializers {
        private final ConcurrentMap<Class<?>, KeyDeserializer> ids = new ConcurrentHashMap<>();

        @Override
        public KeyDeserializer findKeyDeserializer(JavaType type, DeserializationConfig config,
                                                   BeanDescription beanDesc) {
            Class<?> raw = type.getRawClass();
            return CoreTypes.isId(raw) ? ids.computeIfAbsent(raw, IdJson.KeyReader::new) : null;
        }
    }
}
