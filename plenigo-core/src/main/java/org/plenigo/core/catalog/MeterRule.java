package org.plenigo.core.catalog;

import org.plenigo.core.Require;
import org.plenigo.core.time.IntervalUnit;

/**
 * The METERED paywall of an access right: how many pieces of content requiring the right a reader
 * may open for free per period. Views are counted on the server per reader: a logged-in customer
 * by customer id, an anonymous reader by the visitor id the CMS passes. Opening the same content
 * again within the period is not counted again.
 *
 * @param anonymousViews  free views per period of an anonymous reader; 0 to 10,000
 * @param registeredViews free views per period of a logged-in customer; 0 to 10,000
 * @param period          the length of a period: one day, week, month or year
 * @param alignment       whether periods follow the calendar (in the publisher's time zone) or start
 *                        with the reader's first counted view
 */
public record MeterRule(int anonymousViews, int registeredViews, IntervalUnit period, MeterAlignment alignment) {
    public static final int MAX_VIEWS = 10_000;

    public MeterRule {
        Require.that(anonymousViews >= 0 && anonymousViews <= MAX_VIEWS,
                "meter.anonymousViews must be 0 to " + MAX_VIEWS + ", was " + anonymousViews);
        Require.that(registeredViews >= 0 && registeredViews <= MAX_VIEWS,
                "meter.registeredViews must be 0 to " + MAX_VIEWS + ", was " + registeredViews);
        Require.notNull(period, "meter.period");
        Require.notNull(alignment, "meter.alignment");
    }

    /** Free views per period for a reader who is ({@code registered}) or is not logged in. */
    public int freeViews(boolean registered) {
        return registered ? registeredViews : anonymousViews;
    }
}
