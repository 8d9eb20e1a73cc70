package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.WalletScenarioContract;

class MemoryWalletScenarioContractTest extends WalletScenarioContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
