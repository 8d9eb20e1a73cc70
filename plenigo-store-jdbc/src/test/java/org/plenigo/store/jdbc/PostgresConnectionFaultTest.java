package org.plenigo.store.jdbc;

/** Connections lost in the middle of consumptions, top-ups and scheduler runs, on PostgreSQL. */
class PostgresConnectionFaultTest extends ConnectionFaultScenarios {
    PostgresConnectionFaultTest() {
        super(FaultDatabase.POSTGRESQL);
    }
}
