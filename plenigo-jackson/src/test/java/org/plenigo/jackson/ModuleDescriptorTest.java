package org.plenigo.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The module's public API is {@link PlenigoModule} alone: the mapping's helpers stay inside. */
class ModuleDescriptorTest {
    @Test
    void onlyThePublicPackageIsExported() {
        ModuleDescriptor descriptor = PlenigoModule.class.getModule().getDescriptor();
        assertThat(descriptor).as("runs as the named module org.plenigo.jackson").isNotNull();
        assertThat(descriptor.name()).isEqualTo("org.plenigo.jackson");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("org.plenigo.jackson");
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(descriptor.packages()).contains("org.plenigo.jackson.internal");
    }
}
