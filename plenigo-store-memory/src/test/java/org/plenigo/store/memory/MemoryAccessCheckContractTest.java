package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessCheckContract;

class MemoryAccessCheckContractTest extends AccessCheckContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
