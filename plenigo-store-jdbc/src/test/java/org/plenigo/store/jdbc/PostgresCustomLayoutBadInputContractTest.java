package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.BadInputContract;

/** The BadInput contract on PostgreSQL (schema shop, prefix pl_). */
class PostgresCustomLayoutBadInputContractTest extends BadInputContract {
    @Override
    protected Store newStore() {
        return TestStores.postgresCustomLayout();
    }
}
