package org.plenigo.store.memory;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.SubscriptionLifecycleProperties;

/** The model test of time-based subscriptions' lifecycle on the in-memory store: 200 runs of up to 30 commands. */
class SubscriptionLifecyclePropertiesTest extends SubscriptionLifecycleProperties {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
