package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessBadInputContract;

/** The Access Bad Input contract on PostgreSQL (public schema, default prefix). */
class PostgresAccessBadInputContractTest extends AccessBadInputContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
