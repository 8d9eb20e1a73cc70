package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessRepositoryContract;

/** The AccessRepository contract on PostgreSQL (schema shop, prefix pl_). */
class PostgresCustomLayoutAccessRepositoryContractTest extends AccessRepositoryContract {
    @Override
    protected Store newStore() {
        return TestStores.postgresCustomLayout();
    }
}
