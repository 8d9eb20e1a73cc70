package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessBadInputContract;

class MemoryAccessBadInputContractTest extends AccessBadInputContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
