package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.StoreContract;

/** The whole store contract on H2 (in-memory). */
class H2StoreContractTest extends StoreContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
