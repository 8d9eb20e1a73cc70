package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessPurchaseContract;

/** The Access Purchase contract on PostgreSQL (public schema, default prefix). */
class PostgresAccessPurchaseContractTest extends AccessPurchaseContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
