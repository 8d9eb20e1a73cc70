package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessPurchaseContract;

/** The Access Purchase contract on H2 (in-memory). */
class H2AccessPurchaseContractTest extends AccessPurchaseContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
