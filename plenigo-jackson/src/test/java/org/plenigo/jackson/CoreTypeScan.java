package org.plenigo.jackson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.plenigo.core.Plenigo;

/**
 * The core's values, results and events, found by reading the module {@code org.plenigo.core}:
 * every public record, enum and sealed interface of a package the module exports. What is left
 * out is not data: services, builders and exceptions are classes, ports (repositories,
 * {@code Charges}, {@code Store}) are interfaces that are not sealed, helpers live in packages the
 * module does not export.
 */
final class CoreTypeScan {
    private CoreTypeScan() {
    }

    static List<Class<?>> valueTypes() {
        Module core = Plenigo.class.getModule();
        ModuleDescriptor descriptor = core.getDescriptor();
        if (descriptor == null || core.getLayer() == null) {
            throw new IllegalStateException("the core must run as the named module org.plenigo.core to be scanned");
        }
        Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        ResolvedModule resolved = core.getLayer().configuration().findModule(descriptor.name()).orElseThrow();
        try (ModuleReader reader = resolved.reference().open()) {
            return reader.list()
                    .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .filter(name -> exported.contains(name.substring(0, name.lastIndexOf('.'))))
                    .map(CoreTypeScan::load)
                    .filter(CoreTypeScan::isValueType)
                    .sorted(Comparator.comparing(Class::getName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isValueType(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || !publicAllTheWay(type)) {
            return false;
        }
        return type.isRecord() || type.isEnum() || (type.isInterface() && type.isSealed());
    }

    private static boolean publicAllTheWay(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Plenigo.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
