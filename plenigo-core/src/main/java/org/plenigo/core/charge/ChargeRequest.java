package org.plenigo.core.charge;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.purchase.PurchaseId;
import org.plenigo.core.subscription.SubscriptionId;

/**
 * A request to charge a customer, e.g. for one top-up. The key identifies the charge: asking
 * again with the same key must not charge twice.
 *
 * @param subscriptionId the subscription charged for, or empty for a single purchase
 * @param purchaseId     the single purchase charged for, or empty for a subscription
 * @param at             the date of the charge (for a time-based top-up: the interval's own date)
 */
public record ChargeRequest(IdempotencyKey key, CustomerId customerId, Optional<SubscriptionId> subscriptionId,
                            Optional<PurchaseId> purchaseId, Money amount, TaxType taxType, String description,
                            Instant at) {
    /** Longest description accepted: room for an offer title (at most 200) and a short prefix. */
    public static final int MAX_DESCRIPTION_LENGTH = 250;

    public ChargeRequest {
        Require.notNull(key, "charge.key");
        Require.notNull(customerId, "charge.customerId");
        Require.notNull(subscriptionId, "charge.subscriptionId");
        Require.notNull(purchaseId, "charge.purchaseId");
        if (subscriptionId.isPresent() == purchaseId.isPresent()) {
            throw new ValidationException("charge needs exactly one of subscriptionId and purchaseId");
        }
        Require.notNull(amount, "charge.amount");
        Require.notNull(taxType, "charge.taxType");
        Require.maxLength(Require.notBlank(description, "charge.description"), MAX_DESCRIPTION_LENGTH,
                "charge.description");
        Require.notNull(at, "charge.at");
        if (amount.isNegative()) {
            throw new ValidationException("charge.amount must not be negative, was " + amount);
        }
    }

    /** A charge for a subscription. */
    public ChargeRequest(IdempotencyKey key, CustomerId customerId, SubscriptionId subscriptionId, Money amount,
                         TaxType taxType, String description, Instant at) {
        this(key, customerId, Optional.of(Require.notNull(subscriptionId, "charge.subscriptionId")), Optional.empty(),
                amount, taxType, description, at);
    }

    /** A charge for a single purchase. */
    public ChargeRequest(IdempotencyKey key, CustomerId customerId, PurchaseId purchaseId, Money amount,
                         TaxType taxType, String description, Instant at) {
        this(key, customerId, Optional.empty(), Optional.of(Require.notNull(purchaseId, "charge.purchaseId")),
                amount, taxType, description, at);
    }
}
