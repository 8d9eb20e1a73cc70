package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessRepositoryContract;

/** The AccessRepository contract on H2 (in-memory). */
class H2AccessRepositoryContractTest extends AccessRepositoryContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
