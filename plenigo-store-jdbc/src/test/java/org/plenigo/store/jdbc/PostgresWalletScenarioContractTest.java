package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.WalletScenarioContract;

/** The WalletScenario contract on PostgreSQL (public schema, default prefix). */
class PostgresWalletScenarioContractTest extends WalletScenarioContract {
    @Override
    protected Store newStore() {
        return TestStores.postgres();
    }
}
