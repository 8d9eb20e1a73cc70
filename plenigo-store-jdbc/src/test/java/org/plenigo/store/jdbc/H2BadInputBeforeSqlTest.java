package org.plenigo.store.jdbc;

/** Bad input is refused before any SQL runs, and values are bound, on H2. */
class H2BadInputBeforeSqlTest extends BadInputBeforeSqlScenarios {
    H2BadInputBeforeSqlTest() {
        super(FaultDatabase.H2);
    }
}
