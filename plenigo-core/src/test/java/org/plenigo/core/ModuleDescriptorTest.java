package org.plenigo.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The public API is what the module exports: the services' helpers stay inside. */
class ModuleDescriptorTest {
    private final ModuleDescriptor descriptor = Plenigo.class.getModule().getDescriptor();

    @Test
    void everyPackageButTheHelpersIsExportedToAll() {
        assertThat(descriptor).as("the core runs as the named module org.plenigo.core").isNotNull();
        Set<String> exportedToAll = descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        Set<String> helpers = descriptor.packages().stream().filter(p -> p.endsWith(".internal"))
                .collect(Collectors.toSet());

        assertThat(helpers).contains("org.plenigo.core.internal", "org.plenigo.core.wallet.internal");
        assertThat(exportedToAll).doesNotContainAnyElementsOf(helpers)
                .containsAll(descriptor.packages().stream().filter(p -> !helpers.contains(p)).toList());
    }

    @Test
    void noPackageIsExportedToSomeModulesOnly() {
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
    }
}
