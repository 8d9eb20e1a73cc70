package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.NestedUnitOfWorkContract;

/** The NestedUnitOfWork contract on PostgreSQL (public schema, default prefix). */
class PostgresNestedUnitOfWorkContractTest extends NestedUnitOfWorkContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
