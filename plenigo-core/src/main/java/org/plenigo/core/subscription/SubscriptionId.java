package org.plenigo.core.subscription;

import org.plenigo.core.Require;

/** Identifier of a subscription; derived from the idempotency key of the purchase. */
public record SubscriptionId(String value) {
    public SubscriptionId {
        Require.id(value, "subscriptionId");
    }

    public static SubscriptionId of(String value) {
        return new SubscriptionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
