package org.plenigo.store.jdbc;

/** Bad input is refused before any SQL runs, and values are bound, on PostgreSQL. */
class PostgresBadInputBeforeSqlTest extends BadInputBeforeSqlScenarios {
    PostgresBadInputBeforeSqlTest() {
        super(FaultDatabase.POSTGRESQL);
    }
}
