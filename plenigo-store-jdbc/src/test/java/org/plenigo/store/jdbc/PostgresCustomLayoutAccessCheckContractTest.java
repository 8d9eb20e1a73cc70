package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessCheckContract;

/** The Access Check contract on PostgreSQL (schema shop, prefix pl_). */
class PostgresCustomLayoutAccessCheckContractTest extends AccessCheckContract {
    @Override
    protected Store newStore() {
        return TestStores.postgresCustomLayout();
    }
}
