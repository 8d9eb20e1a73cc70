package org.plenigo.jackson.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The annotations the core does not carry (it knows nothing of Jackson), given by rule to the
 * core's types only, so that a host's own types keep the host's settings:
 * <ul>
 *   <li>a record's properties are its components, nothing else (no {@code isZero()} as {@code zero});</li>
 *   <li>empty {@code Optional}s are left out;</li>
 *   <li>{@code java.time} values are ISO-8601 strings (instants in UTC, ending in {@code Z});</li>
 *   <li>{@code BigDecimal} components are plain strings;</li>
 *   <li>sealed interfaces and their variants carry {@value CoreTypes#TYPE_PROPERTY}, the variant's
 *       simple name, the variants found by {@link Class#getPermittedSubclasses()}.</li>
 * </ul>
 */
public final class CoreIntrospector extends NopAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    private static final JsonTypeInfo.Value TYPE_INFO = JsonTypeInfo.Value.construct(JsonTypeInfo.Id.NAME,
            JsonTypeInfo.As.PROPERTY, CoreTypes.TYPE_PROPERTY, null, false, null, null);
    private static final JsonInclude.Value NON_ABSENT = JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, null);
    private static final JsonFormat.Value AS_STRING = JsonFormat.Value.forShape(JsonFormat.Shape.STRING);

    private static final ClassValue<Set<String>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return Stream.of(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
        }
    };

    private final Version version;

    public CoreIntrospector(Version version) {
        this.version = version;
    }

    @Override
    public Version version() {
        return version;
    }

    @Override
    public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass ac, JavaType baseType) {
        return CoreTypes.isPolymorphic(ac.getRawType()) ? new StdTypeResolverBuilder(TYPE_INFO) : null;
    }

    @Override
    public List<NamedType> findSubtypes(Annotated a) {
        if (a instanceof AnnotatedClass ac && CoreTypes.isFamily(ac.getRawType())) {
            return CoreTypes.variants(ac.getRawType()).stream()
                    .map(variant -> new NamedType(variant, CoreTypes.typeName(variant))).toList();
        }
        return null;
    }

    @Override
    public String findTypeName(AnnotatedClass ac) {
        Class<?> type = ac.getRawType();
        return CoreTypes.isPolymorphic(type) && !CoreTypes.isFamily(type) ? CoreTypes.typeName(type) : null;
    }

    @Override
    public boolean hasIgnoreMarker(AnnotatedMember m) {
        // a record's state is its components: other getters (isZero(), getX()) are derived and not read back
        if (m instanceof AnnotatedMethod method) {
            Class<?> owner = method.getDeclaringClass();
            return owner.isRecord() && CoreTypes.isCore(owner)
                    && !(method.getParameterCount() == 0 && COMPONENTS.get(owner).contains(method.getName()));
        }
        return false;
    }

    @Override
    public JsonInclude.Value findPropertyInclusion(Annotated a) {
        return a instanceof AnnotatedClass ac && CoreTypes.isCore(ac.getRawType()) ? NON_ABSENT : JsonInclude.Value.empty();
    }

    @Override
    public JsonFormat.Value findFormat(Annotated a) {
        return a instanceof AnnotatedMember m && inCore(m) && holdsTime(m.getType()) ? AS_STRING : null;
    }

    @Override
    public Object findSerializer(Annotated a) {
        return a instanceof AnnotatedMember m && inCore(m) && m.getRawType() == BigDecimal.class
                ? new DecimalJson.Serializer() : null;
    }

    @Override
    public Object findDeserializer(Annotated a) {
        return a instanceof AnnotatedMember m && inCore(m) && m.getRawType() == BigDecimal.class
                ? new DecimalJson.Deserializer() : null;
    }

    private static boolean inCore(AnnotatedMember m) {
        return m.getDeclaringClass() != null && CoreTypes.isCore(m.getDeclaringClass());
    }

    /** Whether a value of {@code type}, or what it holds (an Optional's value, a list's elements), is a java.time value. */
    private static boolean holdsTime(JavaType type) {
        if (type == null) {
            return false;
        }
        if (type.getRawClass().getPackageName().equals("java.time")) {
            return true;
        }
        return holdsTime(type.getContentType());
    }
}
