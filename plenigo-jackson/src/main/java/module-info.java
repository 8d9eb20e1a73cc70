/**
 * plenigo's Jackson module: {@link org.plenigo.jackson.PlenigoModule} maps the core's values,
 * results and events to JSON and back. The mapping's helpers live in {@code internal}, which no
 * other module sees.
 */
module org.plenigo.jackson {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.plenigo.core;

    exports org.plenigo.jackson;
}
