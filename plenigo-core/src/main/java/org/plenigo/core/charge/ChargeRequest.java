package org.plenigo.core.charge;

import java.time.Instant;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;

/**
 * What a payment charges a customer for, e.g. one top-up (see {@code Payment#request()}). The key
 * identifies the charge: asking again with the same key must not charge twice.
 *
 * @param paysFor what the customer is charged for: a subscription or a single purchase
 * @param at      the date of the charge (for a time-based top-up: the interval's own date)
 */
public record ChargeRequest(IdempotencyKey key, CustomerId customerId, ChargeReference paysFor, Money amount,
                            TaxType taxType, String description, Instant at) {
    /** Longest description accepted: room for an offer title (at most 200) and a short prefix. */
    public static final int MAX_DESCRIPTION_LENGTH = 250;

    public ChargeRequest {
        Require.notNull(key, "charge.key");
        Require.notNull(customerId, "charge.customerId");
        Require.notNull(paysFor, "charge.paysFor");
        Require.notNull(amount, "charge.amount");
        Require.notNull(taxType, "charge.taxType");
        Require.maxLength(Require.notBlank(description, "charge.description"), MAX_DESCRIPTION_LENGTH,
                "charge.description");
        Require.notNull(at, "charge.at");
        if (amount.isNegative()) {
            throw new ValidationException("charge.amount must not be negative, was " + amount);
        }
    }
}
