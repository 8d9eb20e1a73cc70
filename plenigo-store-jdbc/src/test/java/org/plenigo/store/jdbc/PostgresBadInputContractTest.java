package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.BadInputContract;

/** The BadInput contract on PostgreSQL (public schema, default prefix). */
class PostgresBadInputContractTest extends BadInputContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
