package org.plenigo.store.jdbc;

import java.util.Locale;
import org.plenigo.core.ValidationException;

/** The databases the JDBC store supports, and where their SQL differs. */
public enum Dialect {
    /** PostgreSQL 14 and newer: the production target. */
    POSTGRESQL("postgresql"),
    /** H2 2.x: the embedded default. */
    H2("h2");

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** The classpath location of this database's Flyway migrations. */
    public String migrationLocation() {
        return "classpath:org/plenigo/store/jdbc/migration/" + migrationFolder;
    }

    /** The database's spelling of an unquoted identifier. */
    String identifier(String name) {
        return this == H2 ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }

    static Dialect detect(String databaseProductName) {
        String name = databaseProductName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("h2")) {
            return H2;
        }
        throw new ValidationException("unsupported database '" + databaseProductName
                + "' behind dataSource; the JDBC store supports PostgreSQL and H2");
    }
}
