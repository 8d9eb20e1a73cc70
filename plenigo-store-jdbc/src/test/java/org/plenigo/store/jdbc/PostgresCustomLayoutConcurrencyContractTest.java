package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.ConcurrencyContract;

/** The Concurrency contract on PostgreSQL (schema shop, prefix pl_). */
class PostgresCustomLayoutConcurrencyContractTest extends ConcurrencyContract {
    @Override
    protected Store newStore() {
        return TestStores.postgresCustomLayout();
    }
}
