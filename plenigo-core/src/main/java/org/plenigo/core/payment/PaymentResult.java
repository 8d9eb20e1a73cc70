package org.plenigo.core.payment;

import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.payment.PaymentMethodDetails.SepaDirectDebit;

/** The provider's answer to a charge. */
public sealed interface PaymentResult {
    /**
     * The money was taken.
     *
     * @param providerReference the provider's id of the payment, by which later refunds name it
     * @param mandate           for a first iDEAL payment: the SEPA mandate it yields, which later
     *                          charges of the customer are collected by
     */
    record Succeeded(String providerReference, Optional<SepaDirectDebit> mandate) implements PaymentResult {
        public Succeeded {
            Require.notBlank(providerReference, "providerReference");
            Require.notNull(mandate, "mandate");
        }

        public Succeeded(String providerReference) {
            this(providerReference, Optional.empty());
        }
    }

    /**
     * The payment is on its way (a SEPA direct debit, an iDEAL redirect) and settles or comes back
     * later: the provider tells, and the host passes it on to {@code plenigo.payments()}.
     */
    record Pending(String providerReference) implements PaymentResult {
        public Pending {
            Require.notBlank(providerReference, "providerReference");
        }
    }

    /** The provider or the customer's bank refused it (insufficient funds, card blocked, ...); nothing was taken. */
    record Declined(String reason) implements PaymentResult {
        public Declined {
            Require.notBlank(reason, "reason");
        }
    }

    /** A technical failure (timeout, provider down); nothing was taken, and a retry under a new key may succeed. */
    record Failed(String reason) implements PaymentResult {
        public Failed {
            Require.notBlank(reason, "reason");
        }
    }
}
