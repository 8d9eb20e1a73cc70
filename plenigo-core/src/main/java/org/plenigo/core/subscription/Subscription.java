package org.plenigo.core.subscription;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.wallet.CustomerWalletId;

/**
 * A customer's subscription to an offer.
 *
 * @param customerWalletId the customer wallet this subscription feeds (usage-based subscriptions)
 * @param topUpType        how the wallet is refilled (usage-based subscriptions)
 * @param nextTopUpIndex   for TIME_BASED top-ups: the number of the next interval to top up
 *                         (0 is the purchase itself)
 * @param nextTopUpAt      for TIME_BASED top-ups of an active subscription: when interval
 *                         {@code nextTopUpIndex} is due
 */
public record Subscription(SubscriptionId id, CustomerId customerId, OfferId offerId, SubscriptionStatus status,
                           Instant startedAt, Optional<Instant> cancelledAt,
                           Optional<CustomerWalletId> customerWalletId, Optional<TopUpType> topUpType,
                           long nextTopUpIndex, Optional<Instant> nextTopUpAt) {
    public Subscription {
        Require.notNull(id, "subscription.id");
        Require.notNull(customerId, "subscription.customerId");
        Require.notNull(offerId, "subscription.offerId");
        Require.notNull(status, "subscription.status");
        Require.notNull(startedAt, "subscription.startedAt");
        Require.notNull(cancelledAt, "subscription.cancelledAt");
        Require.notNull(customerWalletId, "subscription.customerWalletId");
        Require.notNull(topUpType, "subscription.topUpType");
        Require.notNegative(nextTopUpIndex, "subscription.nextTopUpIndex");
        Require.notNull(nextTopUpAt, "subscription.nextTopUpAt");
        if ((status == SubscriptionStatus.CANCELLED) != cancelledAt.isPresent()) {
            throw new ValidationException("subscription.cancelledAt must be set exactly when the status is CANCELLED");
        }
        if (nextTopUpAt.isPresent() && (status != SubscriptionStatus.ACTIVE || topUpType.orElse(null) != TopUpType.TIME_BASED)) {
            throw new ValidationException("subscription.nextTopUpAt is only set on an active TIME_BASED top-up subscription");
        }
    }

    public boolean isActive() {
        return status == SubscriptionStatus.ACTIVE;
    }

    /** This subscription with its time-based schedule moved on to interval {@code nextIndex}, due at {@code nextAt}. */
    public Subscription scheduledNext(long nextIndex, Instant nextAt) {
        return new Subscription(id, customerId, offerId, status, startedAt, cancelledAt, customerWalletId, topUpType,
                nextIndex, Optional.of(nextAt));
    }

    /** This subscription, cancelled at {@code at}: no further top-ups are due. */
    public Subscription cancelled(Instant at) {
        return new Subscription(id, customerId, offerId, SubscriptionStatus.CANCELLED, startedAt, Optional.of(at),
                customerWalletId, topUpType, nextTopUpIndex, Optional.empty());
    }
}
