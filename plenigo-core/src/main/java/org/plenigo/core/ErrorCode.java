package org.plenigo.core;

/**
 * Stable machine-readable codes of every {@link PlenigoException}. The names never change once
 * released, so callers (and the HTTP bridge) may switch on them.
 */
public enum ErrorCode {
    /** A field is missing, malformed or out of range; the message names the field and the value. */
    INVALID_INPUT,
    /** Two amounts of different currencies were combined. */
    CURRENCY_MISMATCH,
    /** An offer names a product contract that does not exist: the contract must be created before the offer. */
    PRODUCT_CONTRACT_REQUIRED,
    /**
     * An offer that puts credits into a wallet (a usage-based subscription, a credit pack) names no
     * wallet, or one that does not exist.
     */
    WALLET_REQUIRED,
    /** A referenced id does not exist. */
    NOT_FOUND,
    /** An entity with the same id already exists. */
    ALREADY_EXISTS,
    /** An idempotency key was reused with different content. */
    IDEMPOTENCY_KEY_REUSED,
    /** The operation does not fit the state or type of its target (e.g. an external top-up on a time-based subscription). */
    INVALID_STATE,
    /** A concurrent change won the race; the caller may retry. */
    CONCURRENT_MODIFICATION,
    /** The store failed. */
    STORAGE_FAILURE,
    /** The {@link Plenigo} instance was closed; nothing more is done through it. */
    CLOSED,
    /** A store's repository was used outside {@code Transactions.inTransaction} and {@code Transactions.read}. */
    NO_TRANSACTION,
    /** A tax rule shares days with another of the same country and tax type; the message names both. */
    TAX_RULE_OVERLAP,
    /**
     * No tax rule gives the rate of a charge to a customer in the EU (country, tax type and day in
     * the message): the charge is not made until a rule is added.
     */
    TAX_RULE_MISSING,

    // checkout, consents and credit packs
    /**
     * The customer already holds an active subscription to this time-based offer, which does not
     * allow several ({@code Offer.allowsSeveral()}).
     */
    ALREADY_SUBSCRIBED,
    /** The checkout order's validity ended before it was completed; prepare a new one. */
    ORDER_EXPIRED,

    // payments behind a provider port
    /** The payment provider refused or failed to refund; nothing was refunded. */
    REFUND_FAILED
}
