package org.plenigo.core.charge;

/**
 * Why an operation that charges the customer, or may have to, was refused: a purchase, a
 * subscription, a top-up or a consumption of credits. A refused operation changed nothing.
 */
public enum Refusal {
    /** The balance does not cover the request and no automatic top-up could fill it. */
    INSUFFICIENT_CREDITS,
    /** The operation's charge failed. */
    PAYMENT_FAILED,
    /** An automatic top-up was needed but the subscription reached its limit of automatic top-ups per window. */
    TOP_UP_LIMIT_REACHED
}
