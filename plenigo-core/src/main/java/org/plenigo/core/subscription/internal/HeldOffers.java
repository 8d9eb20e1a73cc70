package org.plenigo.core.subscription.internal;

import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Subscription;

/**
 * Whether a customer already holds what a time-based offer sells: an active subscription to it.
 * Subscribing and the checkout ask it before they charge, so that nobody pays twice for the same access.
 */
public final class HeldOffers {
    private HeldOffers() {
    }

    /**
     * Refuses a second active subscription to a time-based offer that does not allow several.
     * Must be called inside a unit of work.
     *
     * @throws ConflictException with {@link ErrorCode#ALREADY_SUBSCRIBED} if the customer holds one
     */
    public static void requireNotHeld(Store store, CustomerId customerId, Offer offer) {
        if (offer.type() != OfferType.TIME_BASED_SUBSCRIPTION || offer.allowsSeveral()) {
            return;
        }
        for (Subscription held : store.subscriptions().findByCustomer(customerId)) {
            if (held.offerId().equals(offer.id()) && held.isActive()) {
                throw new ConflictException(ErrorCode.ALREADY_SUBSCRIBED, "customer '" + customerId
                        + "' already holds subscription '" + held.id() + "' to offer '" + offer.id()
                        + "', which does not allow several");
            }
        }
    }
}
