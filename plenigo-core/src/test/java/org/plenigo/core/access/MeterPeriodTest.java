package org.plenigo.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.time.IntervalUnit;

class MeterPeriodTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static MeterPeriod period(IntervalUnit unit, MeterAlignment alignment, String now) {
        return MeterPeriod.of(new MeterRule(3, 5, unit, alignment), Instant.parse(now), BERLIN);
    }

    @Test
    void aCalendarDayRunsFromMidnightToMidnightInBerlin() {
        assertThat(period(IntervalUnit.DAY, MeterAlignment.CALENDAR, "2026-11-23T22:59:59Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-11-22T23:00:00Z"), Instant.parse("2026-11-23T23:00:00Z")));
        assertThat(period(IntervalUnit.DAY, MeterAlignment.CALENDAR, "2026-11-23T23:00:00Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-11-23T23:00:00Z"), Instant.parse("2026-11-24T23:00:00Z")));
    }

    @Test
    void theDaysOfTheClockChangesLast23And25Hours() {
        assertThat(period(IntervalUnit.DAY, MeterAlignment.CALENDAR, "2026-03-29T12:00:00Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z")));
        assertThat(period(IntervalUnit.DAY, MeterAlignment.CALENDAR, "2026-10-25T12:00:00Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z")));
    }

    @Test
    void calendarWeeksStartOnMondayMonthsOnTheFirstYearsOnJanuaryFirst() {
        // Sunday 2026-11-29, 23:30 in Berlin is still in the week of Monday 2026-11-23
        assertThat(period(IntervalUnit.WEEK, MeterAlignment.CALENDAR, "2026-11-29T22:30:00Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-11-22T23:00:00Z"), Instant.parse("2026-11-29T23:00:00Z")));
        assertThat(period(IntervalUnit.MONTH, MeterAlignment.CALENDAR, "2026-02-28T23:30:00Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-02-28T23:00:00Z"), Instant.parse("2026-03-31T22:00:00Z")));
        assertThat(period(IntervalUnit.YEAR, MeterAlignment.CALENDAR, "2026-12-31T23:30:00Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2027-12-31T23:00:00Z")));
    }

    @Test
    void aRollingPeriodStartsAtTheViewAndFollowsTheCalendar() {
        assertThat(period(IntervalUnit.MONTH, MeterAlignment.ROLLING, "2026-01-31T10:15:00Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-01-31T10:15:00Z"), Instant.parse("2026-02-28T10:15:00Z")));
        // a rolling day across the spring clock change is 23 hours long: same wall-clock time next day
        assertThat(period(IntervalUnit.DAY, MeterAlignment.ROLLING, "2026-03-28T10:00:00Z"))
                .isEqualTo(new MeterPeriod(Instant.parse("2026-03-28T10:00:00Z"), Instant.parse("2026-03-29T09:00:00Z")));
    }
}
