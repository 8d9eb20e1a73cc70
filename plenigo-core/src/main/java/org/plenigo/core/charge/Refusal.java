package org.plenigo.core.charge;

/**
 * Why an operation that charges the customer, or may have to, was refused: a purchase, a
 * subscription, a top-up or a consumption of credits. A refused operation changed nothing.
 */
public enum Refusal {
    /** The balance does not cover the request and no automatic top-up could fill it. */
    INSUFFICIENT_CREDITS,
    /** The operation's charge was declined or failed; nothing was taken. */
    PAYMENT_FAILED,
    /** An automatic top-up was needed but the subscription reached its limit of automatic top-ups per window. */
    TOP_UP_LIMIT_REACHED,
    // payments behind a provider port
    /** The customer has no payment method to charge (no default, and none was named). */
    NO_PAYMENT_METHOD,
    /** The payment method is a card that expired; it was not charged. */
    PAYMENT_METHOD_EXPIRED,
    /**
     * The charge is pending and its payment method's pending payments grant only once settled:
     * after the settlement, the same request under the same key gives what it pays for.
     */
    PAYMENT_PENDING,
    /** The payment method does not take this charge (iDEAL: euro only, for customers in the Netherlands). */
    PAYMENT_METHOD_NOT_ACCEPTED
}
