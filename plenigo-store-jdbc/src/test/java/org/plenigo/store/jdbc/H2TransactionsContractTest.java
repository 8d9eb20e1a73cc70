package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.TransactionsContract;

/** The Transactions contract on H2 (in-memory). */
class H2TransactionsContractTest extends TransactionsContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
