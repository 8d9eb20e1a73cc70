package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.ConcurrencyContract;

class MemoryConcurrencyContractTest extends ConcurrencyContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
