package org.plenigo.core.payment;

import org.plenigo.core.Require;

/** Identifier of a customer's payment method. */
public record PaymentMethodId(String value) {
    public PaymentMethodId {
        Require.id(value, "paymentMethodId");
    }

    public static PaymentMethodId of(String value) {
        return new PaymentMethodId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
