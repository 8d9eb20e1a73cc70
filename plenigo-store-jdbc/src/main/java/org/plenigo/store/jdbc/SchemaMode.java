package org.plenigo.store.jdbc;

/** What the store does with its schema when it is built. */
public enum SchemaMode {
    /** Runs the store's Flyway migrations (creating the schema if needed): the default. */
    MIGRATE,
    /** Only checks that every migration has been applied and none was changed; fails otherwise. */
    VALIDATE,
    /** Leaves the schema to the host, e.g. the host's own Flyway with the store's migration location added. */
    NONE
}
