package org.plenigo.core.catalog;

/** Whether a price includes the tax. */
public enum PriceBasis {
    /** The price is what the customer pays; the tax is taken out of it. */
    GROSS,
    /** The price is before tax; the customer pays it plus the tax. */
    NET
}
