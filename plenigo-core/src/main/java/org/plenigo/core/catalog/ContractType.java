package org.plenigo.core.catalog;

/** What a product contract delivers. */
public enum ContractType {
    /**
     * Access for a period, billed every billing interval: the contract of a
     * {@link OfferType#TIME_BASED_SUBSCRIPTION} or a single purchase of access rights. It puts no credits
     * anywhere; credits added each interval are a {@link TopUpType#TIME_BASED} top-up on a
     * {@link #CREDIT_BASED} contract.
     */
    TIME_BASED,
    /**
     * Credits into a wallet, a fixed number per top-up, however the top-ups come ({@link TopUpType}, including
     * {@link TopUpType#TIME_BASED}).
     */
    CREDIT_BASED
}
