package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessRepositoryContract;

/** The AccessRepository contract on PostgreSQL (public schema, default prefix). */
class PostgresAccessRepositoryContractTest extends AccessRepositoryContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
