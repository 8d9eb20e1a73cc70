package org.plenigo.core.wallet;

/** Why an operation on credits was refused. A refused operation changed nothing. */
public enum Refusal {
    /** The balance does not cover the request and no automatic top-up could fill it. */
    INSUFFICIENT_CREDITS,
    /** A top-up was needed and its charge failed. */
    PAYMENT_FAILED,
    /** An automatic top-up was needed but the subscription reached its limit of automatic top-ups per window. */
    TOP_UP_LIMIT_REACHED
}
