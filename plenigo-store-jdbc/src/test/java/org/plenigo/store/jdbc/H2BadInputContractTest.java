package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.BadInputContract;

/** The BadInput contract on H2 (in-memory). */
class H2BadInputContractTest extends BadInputContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
