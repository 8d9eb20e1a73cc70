package org.plenigo.core.payment;

import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;

/**
 * What the provider is asked to refund.
 *
 * @param key               the refund's own idempotency key: the same key again refunds nothing more
 * @param providerReference the provider's id of the payment to refund
 * @param amount            how much of it, positive: the whole payment or a part
 */
public record RefundRequest(IdempotencyKey key, String providerReference, Money amount) {
    public RefundRequest {
        Require.notNull(key, "refundRequest.key");
        Require.notBlank(providerReference, "refundRequest.providerReference");
        Require.notNull(amount, "refundRequest.amount");
        if (!amount.isPositive()) {
            throw new ValidationException("refundRequest.amount must be positive, was " + amount);
        }
    }
}
