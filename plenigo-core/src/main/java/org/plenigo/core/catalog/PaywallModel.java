package org.plenigo.core.catalog;

/**
 * How content behind an access right is sold to readers who do not hold the right. FREEMIUM is
 * not a setting: content that requires no right is free. SPONSORED is added on top of either
 * model by sponsor grants.
 */
public enum PaywallModel {
    /** Without the right, no access. */
    HARD,
    /** Without the right, a number of free views per period ({@link MeterRule}). */
    METERED
}
