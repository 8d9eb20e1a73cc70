package org.plenigo.core.invoice;

/** What the charge an invoice bills was for. */
public enum InvoicePurpose {
    /** A billing period of a time-based subscription. */
    SUBSCRIPTION_PERIOD,
    /** Credits of a usage-based subscription: its first top-up and each one after it. */
    TOP_UP,
    /** A single purchase. */
    PURCHASE
}
