package org.plenigo.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.localDates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class IntervalTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private static List<Instant> boundaries(Interval interval, Instant start, int count) {
        return java.util.stream.LongStream.rangeClosed(0, count)
                .mapToObj(n -> interval.boundary(start, BERLIN, n)).toList();
    }

    @Test
    void boundaryZeroIsTheStart() {
        Instant start = berlin("2025-05-01T12:34:56");
        assertThat(Interval.months(1).boundary(start, BERLIN, 0)).isEqualTo(start);
        assertThat(Interval.days(3).boundary(start, BERLIN, 0)).isEqualTo(start);
    }

    @Test
    void monthlyFromTheThirtyFirstOfJanuaryInALeapYear() {
        assertThat(boundaries(Interval.months(1), berlin("2024-01-31T09:00"), 4)).containsExactly(
                berlin("2024-01-31T09:00"),
                berlin("2024-02-29T09:00"),
                berlin("2024-03-31T09:00"),
                berlin("2024-04-30T09:00"),
                berlin("2024-05-31T09:00"));
    }

    @Test
    void monthlyFromTheThirtyFirstOfJanuaryInACommonYear() {
        assertThat(boundaries(Interval.months(1), berlin("2025-01-31T09:00"), 3)).containsExactly(
                berlin("2025-01-31T09:00"),
                berlin("2025-02-28T09:00"),
                berlin("2025-03-31T09:00"),
                berlin("2025-04-30T09:00"));
    }

    @Test
    void boundariesAreCountedFromTheOriginNotFromThePreviousBoundary() {
        Interval monthly = Interval.months(1);
        Instant start = berlin("2025-01-31T09:00");
        Instant february = monthly.after(start, BERLIN);
        assertThat(february).isEqualTo(berlin("2025-02-28T09:00"));
        // chaining from 28 February would drift to the 28th; counting from the origin keeps the 31st
        assertThat(monthly.after(february, BERLIN)).isEqualTo(berlin("2025-03-28T09:00"));
        assertThat(monthly.boundary(start, BERLIN, 2)).isEqualTo(berlin("2025-03-31T09:00"));
    }

    @Test
    void everyTwoMonthsAndQuarterly() {
        assertThat(boundaries(Interval.months(2), berlin("2023-12-31T00:00"), 2)).containsExactly(
                berlin("2023-12-31T00:00"), berlin("2024-02-29T00:00"), berlin("2024-04-30T00:00"));
        assertThat(Interval.months(3).boundary(berlin("2025-11-30T08:00"), BERLIN, 1))
                .isEqualTo(berlin("2026-02-28T08:00"));
    }

    @Test
    void yearlyFromTheTwentyNinthOfFebruary() {
        assertThat(boundaries(Interval.years(1), berlin("2024-02-29T10:00"), 4)).containsExactly(
                berlin("2024-02-29T10:00"),
                berlin("2025-02-28T10:00"),
                berlin("2026-02-28T10:00"),
                berlin("2027-02-28T10:00"),
                berlin("2028-02-29T10:00"));
    }

    @Test
    void weeklyAndDaily() {
        assertThat(boundaries(Interval.weeks(1), berlin("2025-02-20T07:15"), 2)).containsExactly(
                berlin("2025-02-20T07:15"), berlin("2025-02-27T07:15"), berlin("2025-03-06T07:15"));
        assertThat(Interval.weeks(2).boundary(berlin("2024-12-25T00:00"), BERLIN, 1))
                .isEqualTo(berlin("2025-01-08T00:00"));
        assertThat(boundaries(Interval.days(1), berlin("2024-02-28T23:30"), 2)).containsExactly(
                berlin("2024-02-28T23:30"), berlin("2024-02-29T23:30"), berlin("2024-03-01T23:30"));
        assertThat(Interval.days(10).boundary(berlin("2025-01-25T06:00"), BERLIN, 3))
                .isEqualTo(berlin("2025-02-24T06:00"));
    }

    @Test
    void monthlyAcrossTheSpringSwitchKeepsTheLocalTime() {
        Instant start = Instant.parse("2025-03-01T09:00:00Z");
        assertThat(start).isEqualTo(berlin("2025-03-01T10:00"));
        Instant next = Interval.months(1).after(start, BERLIN);
        assertThat(next).isEqualTo(Instant.parse("2025-04-01T08:00:00Z"));
        assertThat(next.atZone(BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2025-04-01T10:00"));
    }

    @Test
    void dailyAcrossTheAutumnSwitchKeepsTheLocalTime() {
        Instant start = berlin("2025-10-25T10:00");
        assertThat(start).isEqualTo(Instant.parse("2025-10-25T08:00:00Z"));
        Interval daily = Interval.days(1);
        assertThat(daily.boundary(start, BERLIN, 1)).isEqualTo(Instant.parse("2025-10-26T09:00:00Z"));
        assertThat(daily.boundary(start, BERLIN, 2)).isEqualTo(Instant.parse("2025-10-27T09:00:00Z"));
        assertThat(daily.boundary(start, BERLIN, 1).atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
        // the day of the switch has 25 hours
        assertThat(java.time.Duration.between(daily.boundary(start, BERLIN, 1), daily.boundary(start, BERLIN, 2)))
                .isEqualTo(java.time.Duration.ofHours(24));
        assertThat(java.time.Duration.between(start, daily.boundary(start, BERLIN, 1)))
                .isEqualTo(java.time.Duration.ofHours(25));
    }

    @Test
    void theCalendarIsThatOfTheGivenZone() {
        // 2025-01-31T23:30 in Berlin is still 31 January, but already 1 February in Tokyo
        Instant start = berlin("2025-01-31T23:30");
        assertThat(Interval.months(1).after(start, BERLIN)).isEqualTo(berlin("2025-02-28T23:30"));
        assertThat(Interval.months(1).after(start, ZoneId.of("Asia/Tokyo")))
                .isEqualTo(ZonedDateTime.parse("2025-03-01T07:30+09:00[Asia/Tokyo]").toInstant());
    }

    @Test
    void refusesCountsThatMakeNoSense() {
        for (int count : new int[] {0, -1, Interval.MAX_COUNT + 1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> Interval.months(count))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("interval.count").hasMessageContaining("was " + count)
                    .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
        }
        assertThat(Interval.days(Interval.MAX_COUNT).count()).isEqualTo(Interval.MAX_COUNT);
        assertThatThrownBy(() -> Interval.of(1, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("interval.unit");
    }

    @Test
    void refusesANegativeBoundaryIndexAndMissingArguments() {
        Instant start = berlin("2025-01-01T00:00");
        assertThatThrownBy(() -> Interval.months(1).boundary(start, BERLIN, -1))
                .isInstanceOf(ValidationException.class).hasMessageContaining("n").hasMessageContaining("-1");
        assertThatThrownBy(() -> Interval.months(1).boundary(null, BERLIN, 1))
                .isInstanceOf(ValidationException.class).hasMessageContaining("start");
        assertThatThrownBy(() -> Interval.months(1).boundary(start, null, 1))
                .isInstanceOf(ValidationException.class).hasMessageContaining("zone");
    }

    private static final List<ZoneId> ZONES = List.of(BERLIN, ZoneId.of("Europe/London"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Sydney"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("UTC"));

    private static Gen<ZonedDateTime> origins() {
        Gen<LocalDate> dates = localDates().withDaysBetween(
                LocalDate.of(2000, 1, 1).toEpochDay(), LocalDate.of(2060, 12, 31).toEpochDay());
        Gen<Integer> minuteOfDay = integers().between(0, 24 * 60 - 1);
        return dates.zip(minuteOfDay, Generate.pick(ZONES),
                (date, minute, zone) -> date.atTime(minute / 60, minute % 60).atZone(zone));
    }

    @Test
    void monthlyBoundariesFollowTheCalendarAndStrictlyIncrease() {
        qt().withExamples(500).forAll(origins(), integers().between(1, 24), integers().between(0, 120))
                .checkAssert((origin, count, n) -> {
                    Interval interval = Interval.months(count);
                    Instant start = origin.toInstant();
                    ZoneId zone = origin.getZone();
                    Instant boundary = interval.boundary(start, zone, n);
                    Instant next = interval.boundary(start, zone, n + 1);
                    assertThat(boundary).isEqualTo(origin.plusMonths((long) n * count).toInstant());
                    assertThat(next).isAfter(boundary);
                    LocalDate local = boundary.atZone(zone).toLocalDate();
                    LocalDate expectedDate = origin.toLocalDate().plusMonths((long) n * count);
                    assertThat(local).isEqualTo(expectedDate);
                    assertThat(local.getDayOfMonth())
                            .isEqualTo(Math.min(origin.getDayOfMonth(), local.lengthOfMonth()));
                });
    }

    @Test
    void boundariesOfEveryUnitStrictlyIncrease() {
        qt().withExamples(500).forAll(origins(), Generate.enumValues(IntervalUnit.class), integers().between(1, 12))
                .checkAssert((origin, unit, count) -> {
                    Interval interval = Interval.of(count, unit);
                    Instant previous = origin.toInstant();
                    for (long n = 1; n <= 30; n++) {
                        Instant boundary = interval.boundary(origin.toInstant(), origin.getZone(), n);
                        assertThat(boundary).isAfter(previous);
                        assertThat(boundary).isEqualTo(origin.plus(n * count, unit.chronoUnit()).toInstant());
                        previous = boundary;
                    }
                });
    }

    @Test
    void periodsStartAtTheStartOfTheirDayWhateverTheTimeOfThePurchase() {
        Instant bought = berlin("2025-05-01T10:00");
        assertThat(Interval.months(1).periodStart(bought, BERLIN, 0)).isEqualTo(berlin("2025-05-01T00:00"));
        assertThat(Interval.months(1).periodStart(bought, BERLIN, 1)).isEqualTo(berlin("2025-06-01T00:00"));
        assertThat(Interval.weeks(2).periodStart(bought, BERLIN, 1)).isEqualTo(berlin("2025-05-15T00:00"));
    }

    @Test
    void periodDaysFrom31JanuaryKeepTheMonthEndAndFrom29FebruaryTheLeapDayRule() {
        LocalDate anchor = LocalDate.of(2024, 1, 31);
        assertThat(java.util.stream.LongStream.rangeClosed(0, 3).mapToObj(n -> Interval.months(1).periodDay(anchor, n)))
                .containsExactly(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 31),
                        LocalDate.of(2024, 4, 30));
        assertThat(Interval.months(1).periodDay(LocalDate.of(2025, 1, 31), 1)).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(Interval.years(1).periodDay(LocalDate.of(2024, 2, 29), 1)).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(Interval.years(1).periodDay(LocalDate.of(2024, 2, 29), 4)).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void aPeriodStartsAtLocalMidnightOnBothSidesOfADaylightSavingSwitch() {
        // 30 March 2025 has 23 hours in Berlin, 26 October 25: the periods still start at 00:00 local time
        Instant march = Interval.days(1).periodStart(berlin("2025-03-29T15:00"), BERLIN, 2);
        Instant october = Interval.days(1).periodStart(berlin("2025-10-25T15:00"), BERLIN, 2);
        assertThat(march).isEqualTo(Instant.parse("2025-03-30T22:00:00Z"));
        assertThat(october).isEqualTo(Instant.parse("2025-10-26T23:00:00Z"));
    }

    @Test
    void aPeriodStartsWhereAZoneSkipsMidnight() {
        // Santiago de Chile moved its clocks from 00:00 to 01:00 on 7 September 2025
        ZoneId santiago = ZoneId.of("America/Santiago");
        Instant start = Interval.days(1).periodStart(LocalDateTime.parse("2025-09-06T12:00").atZone(santiago).toInstant(),
                santiago, 1);
        assertThat(start.atZone(santiago).toLocalTime()).isEqualTo(LocalTime.of(1, 0));
    }
}
