package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.TransactionsContract;

class MemoryTransactionsContractTest extends TransactionsContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
