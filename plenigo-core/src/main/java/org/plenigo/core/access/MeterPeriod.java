package org.plenigo.core.access;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;

/** The period of a meter: from {@code start} up to, not including, {@code end}. */
record MeterPeriod(Instant start, Instant end) {
    /**
     * The period a view at {@code now} starts: the calendar day, week (from Monday), month or year
     * containing it in {@code zone}, or for a ROLLING meter one unit from {@code now}.
     */
    static MeterPeriod of(MeterRule rule, Instant now, ZoneId zone) {
        if (rule.alignment() == MeterAlignment.ROLLING) {
            return new MeterPeriod(now, now.atZone(zone).plus(1, rule.period().chronoUnit()).toInstant());
        }
        LocalDate day = now.atZone(zone).toLocalDate();
        LocalDate first = switch (rule.period()) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
        LocalDate next = first.plus(1, rule.period().chronoUnit());
        return new MeterPeriod(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
    }
}
