package org.plenigo.core.payment;

import java.time.Instant;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;

/**
 * A customer's way of paying. Of a customer's methods, at most one is the default, the one
 * charges use unless told otherwise.
 *
 * @param id         its id
 * @param customerId whose method it is
 * @param details    what the payment provider needs to charge it
 * @param isDefault  whether it is the customer's default
 * @param addedAt    when the customer added it
 */
public record PaymentMethod(PaymentMethodId id, CustomerId customerId, PaymentMethodDetails details,
                            boolean isDefault, Instant addedAt) {
    public PaymentMethod {
        Require.notNull(id, "paymentMethod.id");
        Require.notNull(customerId, "paymentMethod.customerId");
        Require.notNull(details, "paymentMethod.details");
        Require.notNull(addedAt, "paymentMethod.addedAt");
    }

    public PaymentMethodType type() {
        return details.type();
    }

    public PaymentMethod withDefault(boolean isDefault) {
        return new PaymentMethod(id, customerId, details, isDefault, addedAt);
    }
}
