package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessRepositoryContract;

class MemoryAccessRepositoryContractTest extends AccessRepositoryContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
