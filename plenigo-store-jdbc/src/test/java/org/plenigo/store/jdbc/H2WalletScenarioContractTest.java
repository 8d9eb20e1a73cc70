package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.WalletScenarioContract;

/** The WalletScenario contract on H2 (in-memory). */
class H2WalletScenarioContractTest extends WalletScenarioContract {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }
}
