package org.plenigo.core.checkout;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.consent.Consent;
import org.plenigo.core.purchase.PurchaseId;
import org.plenigo.core.subscription.SubscriptionId;

/** Outcome of completing a checkout order. */
public sealed interface CheckoutResult {
    /**
     * Paid; the subscriptions or purchases, their access right items, wallet credits and invoices,
     * the consent answers and the order's completed state were stored together.
     *
     * @param order         the order, COMPLETED
     * @param subscriptions the subscriptions created (for a subscription offer), one per quantity
     * @param purchases     the purchases made (for a single purchase), one per quantity
     * @param consents      the answers to the order's consent questions, in the order they were asked
     */
    record Completed(Order order, List<SubscriptionId> subscriptions, List<PurchaseId> purchases,
                     List<Consent> consents) implements CheckoutResult {
        public Completed {
            Require.notNull(order, "order");
            subscriptions = List.copyOf(Require.notNull(subscriptions, "subscriptions"));
            purchases = List.copyOf(Require.notNull(purchases, "purchases"));
            consents = List.copyOf(Require.notNull(consents, "consents"));
        }
    }

    /**
     * The payment failed: nothing was stored (the order stays OPEN and may be completed again under
     * a new key while it is valid).
     *
     * @param reason why the payment failed, as the payment port said
     */
    record PaymentFailed(OrderId order, String reason) implements CheckoutResult {
        public PaymentFailed {
            Require.notNull(order, "order");
            Require.notBlank(reason, "reason");
        }
    }

    /** The key was used before; {@code original} is that first result, with the order as it is now. */
    record Replayed(Completed original) implements CheckoutResult {
        public Replayed {
            Require.notNull(original, "original");
        }
    }

    /** The completed checkout, now or the first time under this key; empty if the payment failed. */
    default Optional<Completed> completed() {
        if (this instanceof Completed c) {
            return Optional.of(c);
        }
        return this instanceof Replayed r ? Optional.of(r.original()) : Optional.empty();
    }
}
