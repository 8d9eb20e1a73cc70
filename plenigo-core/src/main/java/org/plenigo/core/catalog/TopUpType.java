package org.plenigo.core.catalog;

/**
 * How a usage-based subscription refills its wallet, on a {@link ContractType#CREDIT_BASED} contract.
 * Every top-up is charged.
 */
public enum TopUpType {
    /** When the credits are used up, the offer's credits are added again at once. */
    AUTOMATIC,
    /** Only an explicit call tops up, triggered by an outside event or an operator. */
    EXTERNAL,
    /**
     * Credits each interval: every interval counted from the purchase, the offer's credits are added
     * to the wallet; unused credits stay. A top-up strategy of a usage-based subscription on a
     * {@link ContractType#CREDIT_BASED} contract; not to be confused with {@link ContractType#TIME_BASED}
     * and {@link OfferType#TIME_BASED_SUBSCRIPTION}, which sell access for a period and no credits.
     */
    TIME_BASED
}
