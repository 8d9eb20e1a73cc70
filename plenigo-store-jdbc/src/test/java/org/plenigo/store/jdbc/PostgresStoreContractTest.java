package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.StoreContract;

/** The whole store contract on PostgreSQL (public schema, default prefix). */
class PostgresStoreContractTest extends StoreContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
