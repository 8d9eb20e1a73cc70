package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.StoreLayoutContract;

/** The store contract of a further storage layout on PostgreSQL: schema shop, prefix pl_. */
class PostgresCustomLayoutStoreContractTest extends StoreLayoutContract {
    @Override
    protected Store newStore() {
        return TestStores.postgresCustomLayout();
    }
}
