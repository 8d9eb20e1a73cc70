package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessConcurrencyContract;

class MemoryAccessConcurrencyContractTest extends AccessConcurrencyContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
