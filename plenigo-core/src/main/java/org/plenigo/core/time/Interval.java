package org.plenigo.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * A calendar interval such as "1 month" or "2 weeks". Boundaries are always counted from the
 * original start in local calendar time, never by adding to the previous boundary: monthly from
 * 31 January gives 28/29 February, 31 March, 30 April; a local wall-clock time is kept across
 * daylight-saving switches.
 *
 * <p>Periods (a billing period, a time-based top-up's interval) are whole days in the publisher's
 * zone: {@link #periodDay} and {@link #periodStart} count them from the day of the anchor, and a
 * period starts at the beginning of its first day, whatever the time of day of the anchor.
 */
public record Interval(int count, IntervalUnit unit) {
    /** Largest count accepted; beyond it an interval is more likely a typo than a contract term. */
    public static final int MAX_COUNT = 1000;

    public Interval {
        Require.notNull(unit, "interval.unit");
        if (count < 1 || count > MAX_COUNT) {
            throw new ValidationException(
                    "interval.count must be between 1 and " + MAX_COUNT + ", was " + count);
        }
    }

    public static Interval of(int count, IntervalUnit unit) {
        return new Interval(count, unit);
    }

    public static Interval days(int count) {
        return new Interval(count, IntervalUnit.DAY);
    }

    public static Interval weeks(int count) {
        return new Interval(count, IntervalUnit.WEEK);
    }

    public static Interval months(int count) {
        return new Interval(count, IntervalUnit.MONTH);
    }

    public static Interval years(int count) {
        return new Interval(count, IntervalUnit.YEAR);
    }

    /** The {@code n}-th boundary after {@code start} (n = 0 is {@code start} itself), in {@code zone}'s calendar. */
    public Instant boundary(Instant start, ZoneId zone, long n) {
        Require.notNull(start, "start");
        Require.notNull(zone, "zone");
        Require.notNegative(n, "n");
        ZonedDateTime origin = start.atZone(zone);
        return origin.plus(Math.multiplyExact(n, count), unit.chronoUnit()).toInstant();
    }

    /**
     * The first day of period {@code n} of a schedule anchored on {@code anchorDay} (n = 0 is that
     * day): {@code n * interval} after it, always counted from the anchor, so monthly from 31 January
     * gives 28/29 February, 31 March, 30 April, and yearly from 29 February gives 28 February.
     */
    public LocalDate periodDay(LocalDate anchorDay, long n) {
        Require.notNull(anchorDay, "anchorDay");
        Require.notNegative(n, "n");
        return anchorDay.plus(Math.multiplyExact(n, count), unit.chronoUnit());
    }

    /**
     * When period {@code n} of a schedule anchored at {@code anchor} starts: the start of its
     * {@link #periodDay first day} in {@code zone} (midnight, or the first instant of the day where a
     * daylight-saving switch skips midnight). Bought on 1 May at 10:00, monthly: period 1 starts on
     * 1 June at 00:00.
     */
    public Instant periodStart(Instant anchor, ZoneId zone, long n) {
        Require.notNull(anchor, "anchor");
        Require.notNull(zone, "zone");
        return periodDay(LocalDate.ofInstant(anchor, zone), n).atStartOfDay(zone).toInstant();
    }

    /** The instant one interval after {@code start} in {@code zone}'s calendar. */
    public Instant after(Instant start, ZoneId zone) {
        return boundary(start, zone, 1);
    }

    @Override
    public String toString() {
        return count + " " + unit;
    }
}
