package org.plenigo.core.catalog;

/** What a product contract delivers. */
public enum ContractType {
    /** Access for a period, billed every billing interval. */
    TIME_BASED,
    /** Credits into a wallet, a fixed number per top-up. */
    CREDIT_BASED
}
