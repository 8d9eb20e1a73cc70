package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessCheckContract;

/** The Access Check contract on PostgreSQL (public schema, default prefix). */
class PostgresAccessCheckContractTest extends AccessCheckContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
