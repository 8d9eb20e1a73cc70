package org.plenigo.core.payment;

/** The kinds of payment method, one per record of {@link PaymentMethodDetails}. */
public enum PaymentMethodType {
    CREDIT_CARD,
    SEPA_DIRECT_DEBIT,
    PAYPAL,
    IDEAL
}
