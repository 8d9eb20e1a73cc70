package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.StoreContract;

/** The whole store contract on the in-memory store. */
class MemoryStoreContractTest extends StoreContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
