package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.BadInputContract;

class MemoryBadInputContractTest extends BadInputContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
