package org.plenigo.core.catalog;

/** How a usage-based subscription refills its wallet. Every top-up is charged. */
public enum TopUpType {
    /** When the credits are used up, the offer's credits are added again at once. */
    AUTOMATIC,
    /** Only an explicit call tops up, triggered by an outside event or an operator. */
    EXTERNAL,
    /** Every interval counted from the purchase, the offer's credits are added; unused credits stay. */
    TIME_BASED
}
