package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.RepositoryContract;

/** The Repository contract on PostgreSQL (schema shop, prefix pl_). */
class PostgresCustomLayoutRepositoryContractTest extends RepositoryContract {
    @Override
    protected Store newStore() {
        return TestStores.postgresCustomLayout();
    }
}
