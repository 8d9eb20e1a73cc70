package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.RepositoryContract;

/** The Repository contract on PostgreSQL (public schema, default prefix). */
class PostgresRepositoryContractTest extends RepositoryContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
