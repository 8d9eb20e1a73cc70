package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.RepositoryContract;

class MemoryRepositoryContractTest extends RepositoryContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
