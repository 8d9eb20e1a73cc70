package org.plenigo.core.subscription;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.wallet.CustomerWalletId;

/**
 * A customer's subscription to an offer.
 *
 * @param customerWalletId the customer wallet this subscription feeds (usage-based subscriptions)
 * @param topUpType        how the wallet is refilled (usage-based subscriptions); empty for a
 *                         time-based subscription, which {@link #renews() renews} instead
 * @param nextTopUpIndex   the number of the next period the schedule charges: for TIME_BASED top-ups
 *                         the next interval (0 is the purchase itself), for a time-based subscription
 *                         the next billing period (0 is the first, charged when subscribing)
 * @param nextTopUpAt      when the scheduler is next due for this active subscription: the start of
 *                         period {@code nextTopUpIndex}, or for a time-based subscription with a
 *                         cancellation the instant it takes effect, if that comes first; empty when
 *                         nothing is due (a cancelled subscription, an unpaid period)
 * @param paymentMethodId  the payment method the subscription's next charge uses; empty: the
 *                         customer's default
 * @param paidUntil        for a time-based subscription: the end of the last billing period paid
 *                         (its access right items end there unless the next period is paid)
 * @param unpaidSince      for a time-based subscription: the start of billing period
 *                         {@code nextTopUpIndex} if its charge failed; no later period is charged
 *                         while it is unpaid
 * @param endsAt           when a requested cancellation takes effect, while the subscription is
 *                         active; empty if none is pending
 * @param version          counts the changes stored; a change is stored only on the version it was
 *                         made from, so concurrent changes do not overwrite each other
 */
public record Subscription(SubscriptionId id, CustomerId customerId, OfferId offerId, SubscriptionStatus status,
                           Instant startedAt, Optional<Instant> cancelledAt,
                           Optional<CustomerWalletId> customerWalletId, Optional<TopUpType> topUpType,
                           long nextTopUpIndex, Optional<Instant> nextTopUpAt,
                           Optional<PaymentMethodId> paymentMethodId, Optional<Instant> paidUntil,
                           Optional<Instant> unpaidSince, Optional<Instant> endsAt, long version) {
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
        Require.notNull(paymentMethodId, "subscription.paymentMethodId");
        Require.notNull(paidUntil, "subscription.paidUntil");
        Require.notNull(unpaidSince, "subscription.unpaidSince");
        Require.notNull(endsAt, "subscription.endsAt");
        Require.notNegative(version, "subscription.version");
        if ((status == SubscriptionStatus.CANCELLED) != cancelledAt.isPresent()) {
            throw new ValidationException("subscription.cancelledAt must be set exactly when the status is CANCELLED");
        }
        if (nextTopUpAt.isPresent() && (status != SubscriptionStatus.ACTIVE
                || topUpType.isPresent() && topUpType.get() != TopUpType.TIME_BASED)) {
            throw new ValidationException("subscription.nextTopUpAt is only set on an active TIME_BASED top-up"
                    + " or time-based subscription");
        }
        if (topUpType.isPresent() && (paidUntil.isPresent() || unpaidSince.isPresent() || endsAt.isPresent())) {
            throw new ValidationException("subscription.paidUntil, unpaidSince and endsAt are only set on a"
                    + " time-based subscription");
        }
        if (endsAt.isPresent() && status != SubscriptionStatus.ACTIVE) {
            throw new ValidationException("subscription.endsAt is only set on an active subscription");
        }
    }

    /** A subscription as it was before renewals: no payment method chosen, nothing paid or pending, version 0. */
    public Subscription(SubscriptionId id, CustomerId customerId, OfferId offerId, SubscriptionStatus status,
                        Instant startedAt, Optional<Instant> cancelledAt, Optional<CustomerWalletId> customerWalletId,
                        Optional<TopUpType> topUpType, long nextTopUpIndex, Optional<Instant> nextTopUpAt) {
        this(id, customerId, offerId, status, startedAt, cancelledAt, customerWalletId, topUpType, nextTopUpIndex,
                nextTopUpAt, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    public boolean isActive() {
        return status == SubscriptionStatus.ACTIVE;
    }

    /** Whether this is a time-based subscription, which renews period by period (it feeds no wallet). */
    public boolean renews() {
        return topUpType.isEmpty();
    }

    /** This subscription with its time-based schedule moved on to interval {@code nextIndex}, due at {@code nextAt}. */
    public Subscription scheduledNext(long nextIndex, Instant nextAt) {
        return new Subscription(id, customerId, offerId, status, startedAt, cancelledAt, customerWalletId, topUpType,
                nextIndex, Optional.of(nextAt), paymentMethodId, paidUntil, unpaidSince, endsAt, version + 1);
    }

    /** This subscription, cancelled at {@code at}: no further top-ups or renewals are due. */
    public Subscription cancelled(Instant at) {
        return new Subscription(id, customerId, offerId, SubscriptionStatus.CANCELLED, startedAt, Optional.of(at),
                customerWalletId, topUpType, nextTopUpIndex, Optional.empty(), paymentMethodId, paidUntil,
                unpaidSince, Optional.empty(), version + 1);
    }

    /**
     * This time-based subscription as the next change leaves it: period {@code nextIndex} next,
     * due at {@code nextAt}, paid until {@code paidUntil}, unpaid since {@code unpaidSince}, ending
     * at {@code endsAt}.
     */
    public Subscription renewed(long nextIndex, Optional<Instant> nextAt, Optional<Instant> paidUntil,
                                Optional<Instant> unpaidSince, Optional<Instant> endsAt) {
        return new Subscription(id, customerId, offerId, status, startedAt, cancelledAt, customerWalletId, topUpType,
                nextIndex, nextAt, paymentMethodId, paidUntil, unpaidSince, endsAt, version + 1);
    }

    /** This subscription with its next charges paid by {@code paymentMethod}. */
    public Subscription paidWith(PaymentMethodId paymentMethod) {
        return new Subscription(id, customerId, offerId, status, startedAt, cancelledAt, customerWalletId, topUpType,
                nextTopUpIndex, nextTopUpAt, Optional.of(paymentMethod), paidUntil, unpaidSince, endsAt, version + 1);
    }
}
