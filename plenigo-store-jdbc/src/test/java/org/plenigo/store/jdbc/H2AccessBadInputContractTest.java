package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessBadInputContract;

/** The Access Bad Input contract on H2 (in-memory). */
class H2AccessBadInputContractTest extends AccessBadInputContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
