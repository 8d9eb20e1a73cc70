package org.plenigo.core.catalog;

/** What a {@link CreditProduct} unlocks. */
public enum CreditProductKind {
    /** A single article. */
    ARTICLE,
    /** One issue of a periodical. */
    ISSUE,
    /** A series of webinar sessions of which the buyer picks some for one price. */
    WEBINAR_SERIES
}
