package org.plenigo.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.plenigo.jackson.internal.CoreIntrospector;
import org.plenigo.jackson.internal.CoreSerializers;
import org.plenigo.jackson.internal.VariantSerializers;

/**
 * Maps plenigo's values, results and events (the types of {@code org.plenigo.core} and its
 * packages) to JSON and back, by rule rather than type by type, so that a type the core adds is
 * mapped without a change here:
 * <ul>
 *   <li>{@code Money} is {@code {"amount": "9.99", "currency": "EUR"}}, the amount a string at the
 *       currency's scale, read back exactly;</li>
 *   <li>ids (records whose one component is a {@code String}, such as {@code CustomerId}) are
 *       plain strings, also as map keys;</li>
 *   <li>other records are objects of their components; an empty {@code Optional} is left out;</li>
 *   <li>instants are ISO-8601 strings in UTC ({@code 2025-03-11T08:00:00Z}), dates ISO
 *       ({@code 2025-03-11}), other {@code java.time} values their ISO-8601 strings;</li>
 *   <li>a variant of a sealed interface (a result, an outcome, an event) carries
 *       {@code "@type"}: its simple name, such as {@code "Refused"};</li>
 *   <li>enums are their names; {@code BigDecimal} components (a tax rate) plain strings; IP
 *       addresses and ranges their text ({@code 192.0.2.0/24}).</li>
 * </ul>
 * These rules apply to the core's types only: a host's own types keep the mapper's settings. The
 * module registers Jackson's {@code Jdk8Module} and {@code JavaTimeModule} as well. Reading checks
 * every value as the core's constructors do; an invalid value fails with a Jackson
 * {@code JsonMappingException} carrying the core's message.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new PlenigoModule());
 * }</pre>
 *
 * The module is stateless apart from caches and may be registered with any number of mappers.
 */
public final class PlenigoModule extends Module {
    private static final Version VERSION = new Version(0, 1, 0, "SNAPSHOT", "org.plenigo", "plenigo-jackson");

    /** The module; register it with {@code mapper.registerModule(new PlenigoModule())}. */
    public PlenigoModule() {
    }

    /** A mapper with this module registered and Jackson's defaults otherwise. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new PlenigoModule());
    }

    @Override
    public String getModuleName() {
        return "plenigo";
    }

    @Override
    public Version version() {
        return VERSION;
    }

    @Override
    public Iterable<? extends Module> getDependencies() {
        return List.of(new Jdk8Module(), new JavaTimeModule());
    }

    @Override
    public void setupModule(SetupContext context) {
        context.appendAnnotationIntrospector(new CoreIntrospector(VERSION));
        context.addSerializers(new CoreSerializers.Values());
        context.addKeySerializers(new CoreSerializers.Keys());
        context.addDeserializers(new CoreSerializers.ValueReaders());
        context.addKeyDeserializers(new CoreSerializers.KeyReaders());
        context.addBeanSerializerModifier(new VariantSerializers());
    }
}
