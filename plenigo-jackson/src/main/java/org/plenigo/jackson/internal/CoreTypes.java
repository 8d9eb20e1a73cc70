package org.plenigo.jackson.internal;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plenigo.core.event.DomainEvent;

/**
 * The rules by which the module recognises the core's types, so that a type the core adds later
 * is mapped without code here: a core type lives in {@code org.plenigo.core} or a package below
 * it; an id is a core record with a single {@code String} component that is no variant; a sealed core interface is a
 * family whose variants are its permitted subclasses (those of nested sealed interfaces included),
 * each named by its simple name.
 */
public final class CoreTypes {
    /** The JSON property that names the variant of a sealed family. */
    public static final String TYPE_PROPERTY = "@type";

    private static final String CORE_PACKAGE = "org.plenigo.core";

    private static final ClassValue<List<Class<?>>> VARIANTS = new ClassValue<>() {
        @Override
        protected List<Class<?>> computeValue(Class<?> type) {
            Set<Class<?>> variants = new LinkedHashSet<>();
            collectVariants(type, variants);
            Map<String, Class<?>> byName = new HashMap<>();
            for (Class<?> variant : variants) {
                Class<?> other = byName.putIfAbsent(typeName(variant), variant);
                if (other != null) {
                    // the name is the only thing JSON carries: two variants with one name could not be read back
                    throw new IllegalStateException("the sealed type " + type.getName() + " has two variants named "
                            + typeName(variant) + ": " + other.getName() + " and " + variant.getName());
                }
            }
            return List.copyOf(variants);
        }
    };

    private static final ClassValue<Boolean> IN_FAMILY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isCore(type) && hasSealedCoreSupertype(type);
        }
    };

    private CoreTypes() {
    }

    /** Whether {@code type} belongs to the core: its package is {@code org.plenigo.core} or below. */
    public static boolean isCore(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.equals(CORE_PACKAGE) || pkg.startsWith(CORE_PACKAGE + ".");
    }

    /**
     * Whether {@code type} is an id: a core record whose one component is a {@code String}, and
     * not a variant of a sealed family (a {@code Failed(String reason)} is an outcome, not an id).
     */
    public static boolean isId(Class<?> type) {
        if (!type.isRecord() || !isCore(type) || IN_FAMILY.get(type)) {
            return false;
        }
        RecordComponent[] components = type.getRecordComponents();
        return components.length == 1 && components[0].getType() == String.class;
    }

    /** Whether {@code type} is a sealed core interface: a family of variants. */
    public static boolean isFamily(Class<?> type) {
        return type.isInterface() && type.isSealed() && isCore(type);
    }

    /**
     * Whether values of {@code type} carry {@link #TYPE_PROPERTY}: a family, or a core type that is
     * a variant of one (so a variant carries its name wherever it appears, also where the JSON's
     * reader expects that variant only).
     */
    public static boolean isPolymorphic(Class<?> type) {
        // DomainEvent is no family (its families are sealed, it is not), but a value declared as one
        // is written with the name of its variant all the same
        return isFamily(type) || type == DomainEvent.class || IN_FAMILY.get(type);
    }

    /** The concrete variants of the family {@code type}, those of nested sealed interfaces included. */
    public static List<Class<?>> variants(Class<?> type) {
        return VARIANTS.get(type);
    }

    /** The name of a variant in JSON: its simple name, e.g. {@code Refused}. */
    public static String typeName(Class<?> variant) {
        return variant.getSimpleName();
    }

    private static void collectVariants(Class<?> type, Set<Class<?>> into) {
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted == null) {
            into.add(type);
            return;
        }
        for (Class<?> sub : permitted) {
            if (sub.isInterface() && sub.isSealed()) {
                collectVariants(sub, into);
            } else {
                into.add(sub);
            }
        }
    }

    private static boolean hasSealedCoreSupertype(Class<?> type) {
        List<Class<?>> supertypes = new ArrayList<>(List.of(type.getInterfaces()));
        if (type.getSuperclass() != null) {
            supertypes.add(type.getSuperclass());
        }
        for (Class<?> supertype : supertypes) {
            if (isFamily(supertype) || (isCore(supertype) && hasSealedCoreSupertype(supertype))) {
                return true;
            }
        }
        return false;
    }
}
