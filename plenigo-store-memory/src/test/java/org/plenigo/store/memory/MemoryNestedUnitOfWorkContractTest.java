package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.NestedUnitOfWorkContract;

class MemoryNestedUnitOfWorkContractTest extends NestedUnitOfWorkContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
