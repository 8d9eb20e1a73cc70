package org.plenigo.core.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * A calendar interval such as "1 month" or "2 weeks". Boundaries are always counted from the
 * original start in local calendar time, never by adding to the previous boundary: monthly from
 * 31 January gives 28/29 February, 31 March, 30 April; a local wall-clock time is kept across
 * daylight-saving switches.
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

    /** The instant one interval after {@code start} in {@code zone}'s calendar. */
    public Instant after(Instant start, ZoneId zone) {
        return boundary(start, zone, 1);
    }

    @Override
    public String toString() {
        return count + " " + unit;
    }
}
