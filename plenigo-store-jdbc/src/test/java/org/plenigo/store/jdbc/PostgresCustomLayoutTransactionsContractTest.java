package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.TransactionsContract;

/** The Transactions contract on PostgreSQL (schema shop, prefix pl_). */
class PostgresCustomLayoutTransactionsContractTest extends TransactionsContract {
    @Override
    protected Store newStore() {
        return TestStores.postgresCustomLayout();
    }
}
