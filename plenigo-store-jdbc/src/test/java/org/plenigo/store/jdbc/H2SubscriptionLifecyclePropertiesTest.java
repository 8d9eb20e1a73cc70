package org.plenigo.store.jdbc;

import org.plenigo.core.store.Store;
import org.plenigo.store.tck.SubscriptionLifecycleProperties;

/**
 * The model test of time-based subscriptions' lifecycle on H2 (in-memory), each run on a new
 * database: fewer and shorter runs than on the in-memory store, since each migrates its own schema.
 */
class H2SubscriptionLifecyclePropertiesTest extends SubscriptionLifecycleProperties {
    @Override
    protected Store newStore() {
        return TestStores.h2();
    }

    @Override
    protected int examples() {
        return 50;
    }

    @Override
    protected int maxCommands() {
        return 25;
    }
}
