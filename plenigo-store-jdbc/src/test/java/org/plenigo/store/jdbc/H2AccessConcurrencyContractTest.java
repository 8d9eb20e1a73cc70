package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessConcurrencyContract;

/** The Access Concurrency contract on H2 (in-memory). */
class H2AccessConcurrencyContractTest extends AccessConcurrencyContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
