package org.plenigo.core.payment.internal;

import java.time.Instant;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.internal.Context;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails.SepaDirectDebit;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentMethodType;

/**
 * Keeps the SEPA mandate a first iDEAL payment yields as a SEPA direct debit method of the
 * customer and makes it the default, so that the customer's later charges (the renewals of what
 * the iDEAL payment bought) are collected by direct debit on it: iDEAL itself needs the customer
 * present, at a bank's page.
 */
final class MandateMethods {
    private final Context context;

    MandateMethods(Context context) {
        this.context = context;
    }

    void keep(PaymentMethod paidWith, SepaDirectDebit mandate, IdempotencyKey chargeKey, Instant now) {
        if (paidWith.type() != PaymentMethodType.IDEAL) {
            return;
        }
        PaymentMethodId id = new PaymentMethodId("pm-" + IdempotencyKey.uuidOf("mandate/" + chargeKey.value()));
        PaymentMethod sepa = new PaymentMethod(id, paidWith.customerId(), mandate, false, now);
        if (context.store().paymentMethods().insert(sepa)) {
            context.store().paymentMethods().makeDefault(paidWith.customerId(), id);
        }
    }
}
