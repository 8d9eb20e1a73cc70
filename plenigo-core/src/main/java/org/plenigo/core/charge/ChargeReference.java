package org.plenigo.core.charge;

import java.util.Optional;
import org.plenigo.core.Require;

/**
 * What a charge pays for, named by its kind and id, so that the charge needs to know nothing of
 * subscriptions or purchases. Create it with the factory named for the kind.
 */
public record ChargeReference(Kind kind, String id) {
    /** The kinds of things a customer is charged for. */
    public enum Kind {
        /** A subscription: its first top-up or billing period, and each top-up after it. */
        SUBSCRIPTION,
        /** A single purchase. */
        SINGLE_PURCHASE
    }

    public ChargeReference {
        Require.notNull(kind, "chargeReference.kind");
        Require.id(id, "chargeReference.id");
    }

    /** The subscription with this id. */
    public static ChargeReference subscription(String subscriptionId) {
        return new ChargeReference(Kind.SUBSCRIPTION, subscriptionId);
    }

    /** The single purchase with this id. */
    public static ChargeReference singlePurchase(String purchaseId) {
        return new ChargeReference(Kind.SINGLE_PURCHASE, purchaseId);
    }

    /** The id, if this refers to a thing of that kind; how a store keeps each kind in a column of its own. */
    public Optional<String> idOf(Kind kind) {
        return this.kind == kind ? Optional.of(id) : Optional.empty();
    }
}
