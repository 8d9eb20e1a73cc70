package org.plenigo.core.invoice;

/** Whether an invoice bills a charge or cancels an invoice issued before. */
public enum InvoiceKind {
    /** Bills one charge. */
    INVOICE,
    /** Cancels an invoice in whole, with the negated amounts (Stornorechnung). */
    CANCELLATION
}
