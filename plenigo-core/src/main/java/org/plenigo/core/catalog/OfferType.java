package org.plenigo.core.catalog;

/** What a customer buys with an offer. */
public enum OfferType {
    /** Grants access rights while active. */
    TIME_BASED_SUBSCRIPTION,
    /** Puts credits into a wallet, topped up by one {@link TopUpType}. */
    USAGE_BASED_SUBSCRIPTION,
    /** One-off: an access right or a one-time credit pack. */
    SINGLE_PURCHASE
}
