package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.AccessPurchaseContract;

class MemoryAccessPurchaseContractTest extends AccessPurchaseContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
