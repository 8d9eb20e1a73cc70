package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessConcurrencyContract;

/** The Access Concurrency contract on PostgreSQL (public schema, default prefix). */
class PostgresAccessConcurrencyContractTest extends AccessConcurrencyContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
