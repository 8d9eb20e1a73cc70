package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.TransactionsContract;

/** The Transactions contract on PostgreSQL (public schema, default prefix). */
class PostgresTransactionsContractTest extends TransactionsContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
