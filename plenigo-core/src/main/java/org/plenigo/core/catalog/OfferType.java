package org.plenigo.core.catalog;

/** What a customer buys with an offer. */
public enum OfferType {
    /**
     * Access for a period: grants access rights while active, on a {@link ContractType#TIME_BASED} contract,
     * and puts no credits anywhere. Credits added each interval are a {@link #USAGE_BASED_SUBSCRIPTION}
     * with {@link TopUpType#TIME_BASED} top-ups.
     */
    TIME_BASED_SUBSCRIPTION,
    /** Puts credits into a wallet, topped up by one {@link TopUpType}. */
    USAGE_BASED_SUBSCRIPTION,
    /** One-off: an access right or a one-time credit pack. */
    SINGLE_PURCHASE
}
