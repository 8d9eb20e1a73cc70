package org.plenigo.store.jdbc;

/** Qualified table names: the configured schema and table prefix, already checked to be plain identifiers. */
record Tables(String schema, String prefix) {
    String of(String table) {
        return schema + "." + prefix + table;
    }
}
