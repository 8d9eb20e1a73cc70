package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.ConcurrencyContract;

/** The Concurrency contract on H2 (in-memory). */
class H2ConcurrencyContractTest extends ConcurrencyContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
