package org.plenigo.core.subscription;

/** Lifecycle of a subscription. */
public enum SubscriptionStatus {
    ACTIVE,
    /** No further top-ups or renewals; credits already bought stay usable. */
    CANCELLED
}
