package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.RepositoryContract;

/** The Repository contract on H2 (in-memory). */
class H2RepositoryContractTest extends RepositoryContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
