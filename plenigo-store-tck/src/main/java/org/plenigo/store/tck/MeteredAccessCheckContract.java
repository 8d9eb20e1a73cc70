package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.access.AccessReason.EXTERNAL;
import static org.plenigo.core.access.AccessReason.LOGIN_REQUIRED;
import static org.plenigo.core.access.AccessReason.METERED_FREE_VIEW;
import static org.plenigo.core.access.AccessReason.METER_EXHAUSTED;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * Access checks of METERED content on the store under test: free views of anonymous and logged-in
 * readers, re-reads, previews, anonymous readers who log in, exempt content; and the meter periods:
 * calendar periods in Europe/Berlin including the daylight-saving switches, and rolling periods.
 */
public abstract class MeteredAccessCheckContract extends AccessCheckFixtures {
    // ----- METERED -----

    @Test
    void anonymousReadersHaveTheirFreeViewsCountedByVisitorId() {
        VisitorId visitor = visitor("v1");

        assertFreeView(check(plusContent("a1").withVisitor(visitor)), 1, MIDNIGHT);
        assertFreeView(check(plusContent("a2").withVisitor(visitor)), 0, MIDNIGHT);
        assertExhausted(check(plusContent("a3").withVisitor(visitor)), plusOffers, MIDNIGHT);
        assertExhausted(check(plusContent("a3").withVisitor(visitor)), plusOffers, MIDNIGHT);
        assertFreeView(check(plusContent("a1").withVisitor(visitor)), 0, MIDNIGHT);

        assertFreeView(check(plusContent("a3").withVisitor(visitor("v2"))), 1, MIDNIGHT);
    }

    @Test
    void loggedInReadersHaveTheRegisteredFreeViewsCountedByCustomerId() {
        VisitorId device = visitor("laptop");

        assertFreeView(check(plusContent("a1").withCustomer(reader)), 2, MIDNIGHT);
        assertFreeView(check(plusContent("a2").withCustomer(reader).withVisitor(device)), 1, MIDNIGHT);
        assertFreeView(check(plusContent("a3").withCustomer(reader)), 0, MIDNIGHT);
        assertExhausted(check(plusContent("a4").withCustomer(reader)), plusOffers, MIDNIGHT);
        assertExhausted(check(plusContent("a4").withCustomer(reader).withVisitor(visitor("phone"))), plusOffers,
                MIDNIGHT);

        assertFreeView(check(plusContent("a1").withVisitor(device)), 1, MIDNIGHT);
    }

    @Test
    void reReadingTheSameContentInThePeriodIsFreeAndNotCountedAgain() {
        VisitorId visitor = visitor("v1");
        for (int i = 0; i < 5; i++) {
            assertFreeView(check(plusContent("a1").withVisitor(visitor)), 1, MIDNIGHT);
        }
        assertFreeView(check(plusContent("a2").withVisitor(visitor)), 0, MIDNIGHT);
        assertFreeView(check(plusContent("a1").withVisitor(visitor)), 0, MIDNIGHT);
        assertFreeView(check(plusContent("a2").withVisitor(visitor)), 0, MIDNIGHT);
        assertExhausted(check(plusContent("a3").withVisitor(visitor)), plusOffers, MIDNIGHT);
    }

    @Test
    void aPreviewShowsTheFreeViewsLeftButNeverCountsOne() {
        VisitorId visitor = visitor("v1");

        assertFreeView(preview(plusContent("a1").withVisitor(visitor)), 2, MIDNIGHT);
        assertFreeView(preview(plusContent("a1").withVisitor(visitor)), 2, MIDNIGHT);
        assertFreeView(preview(plusContent("a2").withVisitor(visitor)), 2, MIDNIGHT);
        assertFreeView(check(plusContent("a1").withVisitor(visitor)), 1, MIDNIGHT);
        assertFreeView(preview(plusContent("a1").withVisitor(visitor)), 1, MIDNIGHT);
        assertFreeView(preview(plusContent("a2").withVisitor(visitor)), 1, MIDNIGHT);
        assertFreeView(check(plusContent("a2").withVisitor(visitor)), 0, MIDNIGHT);
        assertExhausted(preview(plusContent("a3").withVisitor(visitor)), plusOffers, MIDNIGHT);
        assertFreeView(preview(plusContent("a1").withVisitor(visitor)), 0, MIDNIGHT);
        assertExhausted(check(plusContent("a3").withVisitor(visitor)), plusOffers, MIDNIGHT);
    }

    @Test
    void aVisitorWhoUsedUpTheAnonymousViewsAndLogsInReadsOnWithTheRegisteredViews() {
        VisitorId visitor = visitor("v1");
        check(plusContent("a1").withVisitor(visitor));
        check(plusContent("a2").withVisitor(visitor));
        assertExhausted(check(plusContent("a3").withVisitor(visitor)), plusOffers, MIDNIGHT);

        assertFreeView(check(plusContent("a3").withCustomer(reader).withVisitor(visitor)), 2, MIDNIGHT);
        assertFreeView(check(plusContent("a1").withCustomer(reader).withVisitor(visitor)), 1, MIDNIGHT);
        assertFreeView(check(plusContent("a4").withCustomer(reader).withVisitor(visitor)), 0, MIDNIGHT);
        assertExhausted(check(plusContent("a5").withCustomer(reader).withVisitor(visitor)), plusOffers, MIDNIGHT);

        assertExhausted(check(plusContent("a4").withVisitor(visitor)), plusOffers, MIDNIGHT);
    }

    @Test
    void withoutAnonymousViewsAVisitorIsAskedToLogInWhileACustomerReads() {
        AccessRightId members = meteredRight("members", new MeterRule(0, 5, IntervalUnit.MONTH,
                MeterAlignment.CALENDAR));
        OfferId membership = timeBasedOffer("membership", Interval.years(1), members);
        Instant february = local("2025-02-01T00:00");

        // "register to read": no period brings an anonymous reader a free view, logging in does
        assertDecision(check(content("m1", members).withVisitor(visitor("v1"))), LOGIN_REQUIRED, OptionalInt.of(0),
                List.of(membership), Optional.empty());
        assertFreeView(check(content("m1", members).withCustomer(reader)), 4, february);
    }

    @Test
    void aMeterWithoutFreeViewsForAnyoneIsExhaustedForGood() {
        AccessRightId closed = meteredRight("closed", new MeterRule(0, 0, IntervalUnit.MONTH,
                MeterAlignment.CALENDAR));
        OfferId closedOffer = timeBasedOffer("closed-offer", Interval.years(1), closed);

        assertDecision(check(content("c1", closed).withVisitor(visitor("v1"))), METER_EXHAUSTED, OptionalInt.of(0),
                List.of(closedOffer), Optional.empty());
        assertDecision(check(content("c1", closed).withCustomer(reader)), METER_EXHAUSTED, OptionalInt.of(0),
                List.of(closedOffer), Optional.empty());
    }

    @Test
    void contentExemptFromMeteringHasNoFreeViewsAndCountsNothing() {
        AccessCheck exempt = plusContent("longread").exemptFromMetering();
        VisitorId visitor = visitor("v1");

        assertDenied(check(exempt.withVisitor(visitor)), NO_ACCESS_RIGHT, plusOffers, Optional.empty());
        assertDenied(check(exempt.withCustomer(reader)), NO_ACCESS_RIGHT, plusOffers, Optional.empty());
        assertDenied(check(exempt), NO_ACCESS_RIGHT, plusOffers, Optional.empty());
        assertDenied(preview(exempt.withVisitor(visitor)), NO_ACCESS_RIGHT, plusOffers, Optional.empty());

        assertFreeView(check(plusContent("a1").withVisitor(visitor)), 1, MIDNIGHT);
        assertFreeView(check(plusContent("a1").withCustomer(reader)), 2, MIDNIGHT);
        grantExternal(reader, plus, clock.instant(), Optional.empty());
        assertGranted(check(exempt.withCustomer(reader)), EXTERNAL, Optional.empty());
    }

    @Test
    void meteredContentForAReaderWithNeitherCustomerNorVisitorIdRequiresLogin() {
        assertDenied(check(plusContent("a1")), LOGIN_REQUIRED, plusOffers, Optional.empty());
        assertDenied(preview(plusContent("a1")), LOGIN_REQUIRED, plusOffers, Optional.empty());
        assertDenied(check(plusContent("a1").withIpAddress("192.0.2.1")), LOGIN_REQUIRED, plusOffers,
                Optional.empty());
        assertDenied(check(content("a1", premium, plus)), LOGIN_REQUIRED,
                List.of(bundle, plusMonthly, premiumDayPass, premiumMonthly), Optional.empty());
    }

    @Test
    void aReaderHoldingTheRightReadsWithoutUsingFreeViews() {
        AccessRightItem item = grantExternal(reader, plus, clock.instant(), Optional.empty());
        for (int i = 1; i <= 5; i++) {
            assertGranted(check(plusContent("a" + i).withCustomer(reader)), EXTERNAL, Optional.empty());
        }

        plenigo.access().revoke(item.id());

        assertFreeView(check(plusContent("a1").withCustomer(reader)), 2, MIDNIGHT);
    }

    @Test
    void contentRequiringAHardAndAMeteredRightGivesTheMeteredFreeViews() {
        VisitorId visitor = visitor("v1");

        assertFreeView(check(content("a1", premium, plus).withVisitor(visitor)), 1, MIDNIGHT);
        assertFreeView(check(content("a2", plus, premium).withVisitor(visitor)), 0, MIDNIGHT);
        assertExhausted(check(content("a3", premium, plus).withVisitor(visitor)),
                List.of(bundle, plusMonthly, premiumDayPass, premiumMonthly), MIDNIGHT);
    }

    @Test
    void withSeveralMeteredRightsTheFirstThatStillHasFreeViewsIsCounted() {
        AccessRightId sport = meteredRight("sport", new MeterRule(1, 1, IntervalUnit.DAY, MeterAlignment.CALENDAR));
        AccessRightId culture = meteredRight("culture",
                new MeterRule(1, 1, IntervalUnit.DAY, MeterAlignment.CALENDAR));
        VisitorId visitor = visitor("v1");

        assertFreeViewCounted(check(content("c1", sport, culture).withVisitor(visitor)));
        assertFreeViewCounted(check(content("c2", sport, culture).withVisitor(visitor)));
        assertExhausted(check(content("c3", sport, culture).withVisitor(visitor)), List.of(), MIDNIGHT);
        assertExhausted(check(content("c4", culture).withVisitor(visitor)), List.of(), MIDNIGHT);
        assertExhausted(check(content("c5", sport).withVisitor(visitor)), List.of(), MIDNIGHT);
        assertFreeViewCounted(check(content("c1", sport, culture).withVisitor(visitor)));
        assertFreeViewCounted(check(content("c2", sport, culture).withVisitor(visitor)));
        assertFreeViewCounted(check(content("c2", culture).withVisitor(visitor)));
    }

    // ----- meter periods -----

    @ParameterizedTest(name = "{0}: a view at {1} Berlin counts until {2}")
    @CsvSource({
            "DAY,   2025-01-15T23:59:59, 2025-01-16T00:00",
            "DAY,   2025-01-16T00:00,    2025-01-17T00:00",
            "WEEK,  2025-01-19T23:59:59, 2025-01-20T00:00",
            "WEEK,  2025-01-20T00:00,    2025-01-27T00:00",
            "MONTH, 2025-01-31T23:59:59, 2025-02-01T00:00",
            "MONTH, 2028-02-29T12:00,    2028-03-01T00:00",
            "YEAR,  2025-12-31T23:59:59, 2026-01-01T00:00",
            "YEAR,  2026-01-01T00:00,    2027-01-01T00:00",
            "DAY,   2026-03-29T01:59:59, 2026-03-30T00:00",
            "DAY,   2026-03-29T12:00,    2026-03-30T00:00",
            "DAY,   2026-10-25T02:30,    2026-10-26T00:00",
            "DAY,   2026-10-25T23:59:59, 2026-10-26T00:00",
            "WEEK,  2026-03-25T12:00,    2026-03-30T00:00",
            "WEEK,  2026-03-29T23:59:59, 2026-03-30T00:00",
            "WEEK,  2026-10-21T12:00,    2026-10-26T00:00",
            "MONTH, 2026-03-15T12:00,    2026-04-01T00:00",
            "MONTH, 2026-10-31T23:59:59, 2026-11-01T00:00"})
    void calendarPeriodsStartAtMidnightOnMondayOnTheFirstAndOnNewYearInBerlin(IntervalUnit unit,
                                                                              LocalDateTime view,
                                                                              LocalDateTime periodEnd) {
        AccessRightId limited = meteredRight("limited", new MeterRule(1, 1, unit, MeterAlignment.CALENDAR));
        VisitorId visitor = visitor("v1");
        Instant end = at(periodEnd);
        Instant nextEnd = end.atZone(ZONE).plus(1, unit.chronoUnit()).toInstant();
        clock.set(view);

        assertFreeView(preview(content("a1", limited).withVisitor(visitor)), 1, end);
        assertFreeView(check(content("a1", limited).withVisitor(visitor)), 0, end);
        assertExhausted(check(content("a2", limited).withVisitor(visitor)), List.of(), end);
        clock.set(end.minusSeconds(1));
        assertExhausted(check(content("a2", limited).withVisitor(visitor)), List.of(), end);
        assertFreeView(check(content("a1", limited).withVisitor(visitor)), 0, end);

        clock.set(end);
        assertFreeView(preview(content("a2", limited).withVisitor(visitor)), 1, nextEnd);
        assertFreeView(check(content("a2", limited).withVisitor(visitor)), 0, nextEnd);
        assertExhausted(check(content("a1", limited).withVisitor(visitor)), List.of(), nextEnd);
    }

    @ParameterizedTest(name = "{0}: a first view at {1} Berlin counts until {2}")
    @CsvSource({
            "DAY,   2025-01-15T10:00, 2025-01-16T10:00",
            "WEEK,  2025-01-15T10:00, 2025-01-22T10:00",
            "MONTH, 2025-01-31T10:00, 2025-02-28T10:00",
            "YEAR,  2028-02-29T10:00, 2029-02-28T10:00",
            "DAY,   2026-03-28T12:00, 2026-03-29T12:00",
            "WEEK,  2026-10-20T12:00, 2026-10-27T12:00"})
    void rollingPeriodsLastOneUnitFromTheFirstCountedView(IntervalUnit unit, LocalDateTime firstView,
                                                          LocalDateTime periodEnd) {
        AccessRightId limited = meteredRight("limited", new MeterRule(1, 1, unit, MeterAlignment.ROLLING));
        VisitorId visitor = visitor("v1");
        Instant end = at(periodEnd);
        clock.set(firstView);

        assertFreeView(check(content("a1", limited).withVisitor(visitor)), 0, end);
        clock.set(end.minusSeconds(1));
        assertExhausted(check(content("a2", limited).withVisitor(visitor)), List.of(), end);

        Instant later = end.plus(Duration.ofHours(5));
        Instant laterEnd = later.atZone(ZONE).plus(1, unit.chronoUnit()).toInstant();
        clock.set(later);
        AccessDecision preview = preview(content("a2", limited).withVisitor(visitor));
        assertThat(preview.reason()).isEqualTo(METERED_FREE_VIEW);
        assertThat(preview.remainingFreeViews()).hasValue(1);
        assertFreeView(check(content("a2", limited).withVisitor(visitor)), 0, laterEnd);
        assertExhausted(check(content("a1", limited).withVisitor(visitor)), List.of(), laterEnd);
    }

    @Test
    void aPreviewDoesNotStartARollingPeriod() {
        AccessRightId limited = meteredRight("limited", new MeterRule(1, 1, IntervalUnit.DAY, MeterAlignment.ROLLING));
        VisitorId visitor = visitor("v1");

        AccessDecision preview = preview(content("a1", limited).withVisitor(visitor));
        assertThat(preview.granted()).isTrue();
        assertThat(preview.reason()).isEqualTo(METERED_FREE_VIEW);
        assertThat(preview.remainingFreeViews()).hasValue(1);
        assertThat(preview.offers()).isEmpty();

        clock.advance(Duration.ofHours(2));
        assertFreeView(check(content("a1", limited).withVisitor(visitor)), 0, local("2025-01-16T12:00"));
    }

    // ----- helpers -----

    /** A metered free view of today, whichever of several meters counted it. */
    private static void assertFreeViewCounted(AccessDecision decision) {
        assertThat(decision.reason()).isEqualTo(METERED_FREE_VIEW);
        assertThat(decision.granted()).isTrue();
        assertThat(decision.offers()).isEmpty();
        assertThat(decision.cacheUntil()).contains(MIDNIGHT);
    }
}
