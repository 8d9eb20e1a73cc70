package org.plenigo.core.catalog;

/** Tax category of what a product contract sells; tax rules map (country, tax type) to a rate. */
public enum TaxType {
    DIGITAL_NEWSPAPER,
    EBOOK,
    DIGITAL_MAGAZINE,
    DIGITAL_PRODUCT,
    NEWSPAPER,
    MAGAZINE,
    BOOK,
    AUDIOBOOK,
    VIDEO,
    MUSIC,
    MEMBERSHIP,
    EVENT,
    DONATION,
    SHIPPING_COSTS,
    FEE
}
