package org.plenigo.core.catalog;

/** How the periods of a {@link MeterRule} are laid out. */
public enum MeterAlignment {
    /** Periods follow the calendar: a day from midnight, a week from Monday, a month from its first day. */
    CALENDAR,
    /** A period starts with the reader's first counted view and lasts one period unit. */
    ROLLING
}
