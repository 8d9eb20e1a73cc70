package org.plenigo.core.access;

/** Where an {@link AccessRightItem} comes from. */
public enum AccessSource {
    /** Granted while a time-based subscription is active. */
    TIME_BASED_SUBSCRIPTION,
    /** Granted by a single purchase, for ever or for the offer's access duration. */
    SINGLE_PURCHASE,
    /** Bought with credits: exactly one piece of content. */
    CREDIT_UNLOCK,
    /** Granted to a named customer on behalf of a sponsor. */
    SPONSOR,
    /** Sold elsewhere (e.g. a print subscription) and granted through the API. */
    EXTERNAL
}
