package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.NestedUnitOfWorkContract;

/** The NestedUnitOfWork contract on H2 (in-memory). */
class H2NestedUnitOfWorkContractTest extends NestedUnitOfWorkContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
