package org.plenigo.core.payment;

import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;

/**
 * What the provider is asked to charge.
 *
 * @param key         the charge's idempotency key, to be passed to the provider as its own: the
 *                    same key again must charge nothing more
 * @param customerId  whom to charge
 * @param method      the customer's payment method, with the provider's token
 * @param amount      the gross amount, positive
 * @param description what the customer sees on the statement
 * @param paysFor     what the charge pays for
 */
public record PaymentRequest(IdempotencyKey key, CustomerId customerId, PaymentMethod method, Money amount,
                             String description, ChargeReference paysFor) {
    public PaymentRequest {
        Require.notNull(key, "paymentRequest.key");
        Require.notNull(customerId, "paymentRequest.customerId");
        Require.notNull(method, "paymentRequest.method");
        Require.notNull(amount, "paymentRequest.amount");
        Require.notBlank(description, "paymentRequest.description");
        Require.notNull(paysFor, "paymentRequest.paysFor");
        if (amount.isNegative()) {
            throw new ValidationException("paymentRequest.amount must not be negative, was " + amount);
        }
        if (!method.customerId().equals(customerId)) {
            throw new ValidationException("paymentRequest.method " + method.id() + " is not customer "
                    + customerId + "'s");
        }
    }
}
