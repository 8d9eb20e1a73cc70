package org.plenigo.store.jdbc;

/** Connections lost in the middle of consumptions, top-ups and scheduler runs, on H2. */
class H2ConnectionFaultTest extends ConnectionFaultScenarios {
    H2ConnectionFaultTest() {
        super(FaultDatabase.H2);
    }
}
