package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.ConcurrencyContract;

/** The Concurrency contract on PostgreSQL (public schema, default prefix). */
class PostgresConcurrencyContractTest extends ConcurrencyContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
