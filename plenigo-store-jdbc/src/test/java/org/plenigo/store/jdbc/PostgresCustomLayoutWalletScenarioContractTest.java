package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.WalletScenarioContract;

/** The WalletScenario contract on PostgreSQL (schema shop, prefix pl_). */
class PostgresCustomLayoutWalletScenarioContractTest extends WalletScenarioContract {
    @Override
    protected Store newStore() {
        return TestStores.postgresCustomLayout();
    }
}
