package org.plenigo.core;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.plenigo.core.internal.Context;
import org.plenigo.core.internal.UnitOfWork;

/** The dependency rules of the core, checked on its compiled classes. */
@AnalyzeClasses(packages = "org.plenigo.core", importOptions = DoNotIncludeTests.class)
class ArchitectureTest {
    private static final Set<String> ASSEMBLY = Set.of("store", "internal");

    /**
     * Each feature package, with the helpers in its {@code internal} subpackage, is a slice. The
     * packages that assemble the features lie outside the slices: the root ({@code Plenigo}, the
     * exceptions) by the pattern, {@code store}, whose aggregate port {@code Store} names every
     * repository, and {@code internal} ({@code Context}, {@code UnitOfWork}), which every service is
     * wired with and which hands out that store.
     */
    @ArchTest
    static final ArchRule FEATURE_PACKAGES_ARE_FREE_OF_CYCLES = slices()
            .matching("org.plenigo.core.(*)..")
            .that(DescribedPredicate.describe("are features, not the assembly (store, internal)",
                    slice -> !ASSEMBLY.contains(slice.getNamePart(1))))
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule CORE_IMPORTS_NO_STORE_JDBC_JSON_OR_HTTP = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.plenigo.store..",
                    "java.sql..", "javax.sql..",
                    "com.fasterxml..", "jakarta.json..", "org.json..", "com.google.gson..",
                    "java.net.http..", "jakarta.servlet..", "javax.servlet..", "io.javalin..", "org.apache.http..",
                    "okhttp3..")
            .because("the core speaks to storage and the outside world only through its ports");

    /**
     * All time comes from the injected clock. The one exception is the default clock that
     * {@code Plenigo.Builder} chooses when the host gives none. {@code System.nanoTime()} stays
     * allowed: it measures durations and says nothing about the date.
     */
    @ArchTest
    static final ArchRule CORE_READS_NO_SYSTEM_CLOCK = noClasses()
            .should().callMethodWhere(readsSystemClock().and(DescribedPredicate.not(isTheBuilderDefault())))
            .because("all time comes from the injected java.time.Clock");

    /**
     * {@code now(...)} of any {@code java.time} type except {@code now(Clock)}, {@code Clock}'s
     * system clocks and {@code System.currentTimeMillis()}.
     */
    private static DescribedPredicate<JavaCall<?>> readsSystemClock() {
        return DescribedPredicate.describe("reads the system clock", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            List<String> parameters = call.getTarget().getRawParameterTypes().stream().map(t -> t.getName()).toList();
            if (owner.startsWith("java.time.") && name.equals("now")) {
                return !parameters.equals(List.of(Clock.class.getName()));
            }
            if (owner.equals(Clock.class.getName())) {
                return name.equals("systemUTC") || name.equals("systemDefaultZone") || name.equals("system");
            }
            return owner.equals(System.class.getName()) && name.equals("currentTimeMillis");
        });
    }

    private static DescribedPredicate<JavaCall<?>> isTheBuilderDefault() {
        return DescribedPredicate.describe("is Plenigo.Builder's default clock", call -> {
            JavaCodeUnit origin = call.getOrigin();
            return origin.getOwner().isEquivalentTo(Plenigo.Builder.class) && origin.isConstructor()
                    && call.getTargetOwner().isEquivalentTo(Clock.class) && call.getName().equals("systemUTC");
        });
    }
}
