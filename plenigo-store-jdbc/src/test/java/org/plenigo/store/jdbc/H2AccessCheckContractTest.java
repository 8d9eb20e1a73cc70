package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessCheckContract;

/** The Access Check contract on H2 (in-memory). */
class H2AccessCheckContractTest extends AccessCheckContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
