package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.access.AccessReason.ACCESS_BLOCKED;
import static org.plenigo.core.access.AccessReason.CUSTOMER_BLOCKED;
import static org.plenigo.core.access.AccessReason.EXTERNAL;
import static org.plenigo.core.access.AccessReason.FREE_CONTENT;
import static org.plenigo.core.access.AccessReason.LOGIN_REQUIRED;
import static org.plenigo.core.access.AccessReason.METERED_FREE_VIEW;
import static org.plenigo.core.access.AccessReason.METER_EXHAUSTED;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SPONSORED;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.GrantAccess;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * The question the CMS asks on every page view, on the store under test: each paywall model
 * (free content, HARD, METERED, SPONSORED) and each reason code, in the documented order (free
 * content, unknown or blocked customer, the customer's items, blocked items, sponsor grants,
 * metering, no right); the offers a denial names; {@code cacheUntil} for each source; and the
 * edges of metering: calendar periods in Europe/Berlin including the daylight-saving switches,
 * rolling periods, re-reads, previews, anonymous readers who log in, exempt content.
 */
public abstract class AccessCheckContract extends StoreContractSupport {
    /** plus: 2 free views a day for anonymous readers, 3 for logged-in customers. */
    private static final MeterRule DAILY = new MeterRule(2, 3, IntervalUnit.DAY, MeterAlignment.CALENDAR);
    /** The end of the day on which the tests start (15 January 2025, 10:00 Berlin). */
    private static final Instant MIDNIGHT = local("2025-01-16T00:00");
    private static final Instant SPONSOR_FROM = local("2025-01-01T00:00");
    private static final Instant SPONSOR_UNTIL = local("2025-07-01T00:00");

    private CustomerId reader;
    private AccessRightId premium;
    private AccessRightId epaper;
    private AccessRightId plus;
    private OfferId bundle;
    private OfferId epaperYearly;
    private OfferId plusMonthly;
    private OfferId premiumDayPass;
    private OfferId premiumMonthly;
    /** The offers granting premium, by id. */
    private List<OfferId> premiumOffers;
    /** The offers granting plus, by id. */
    private List<OfferId> plusOffers;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        premium = hardRight("premium");
        epaper = hardRight("epaper");
        plus = meteredRight("plus", DAILY);
        // created out of order: denials list them by id
        premiumMonthly = timeBasedOffer("premium-monthly", Interval.months(1), premium);
        premiumDayPass = singlePurchaseOffer("premium-day-pass", Optional.of(Interval.days(1)), premium);
        plusMonthly = timeBasedOffer("plus-monthly", Interval.months(1), plus);
        bundle = timeBasedOffer("bundle", Interval.months(1), premium, plus);
        epaperYearly = timeBasedOffer("epaper-yearly", Interval.years(1), epaper);
        usageOffer("credits-5", wallet("article-credits"), 5, TopUpPlan.external());
        premiumOffers = List.of(bundle, premiumDayPass, premiumMonthly);
        plusOffers = List.of(bundle, plusMonthly);
    }

    // ----- FREEMIUM -----

    @Test
    void contentRequiringNoRightIsFreeForEveryReaderAndSaysSo() {
        CustomerId blocked = customer("reader-2");
        plenigo.customers().block(blocked);
        List<AccessCheck> readers = List.of(content("home"), content("home").withVisitor(visitor("v1")),
                content("home").withCustomer(reader), content("home").withCustomer(CustomerId.of("nobody")),
                content("home").withCustomer(blocked), content("home").withIpAddress("192.0.2.1"),
                content("home").exemptFromMetering());

        for (AccessCheck read : readers) {
            assertGranted(check(read), FREE_CONTENT, Optional.empty());
            assertGranted(preview(read), FREE_CONTENT, Optional.empty());
        }
    }

    // ----- HARD -----

    @Test
    void hardContentWithoutTheRightIsDeniedNamingTheOffersThatGrantItById() {
        assertDenied(check(content("article-1", premium)), NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
        assertDenied(check(content("article-1", premium).withVisitor(visitor("v1"))), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(preview(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void contentRequiringSeveralRightsOpensWithAnyOfThemAndNamesEachGrantingOfferOnce() {
        AccessCheck read = content("article-1", premium, epaper).withCustomer(reader);
        assertDenied(check(read), NO_ACCESS_RIGHT, List.of(bundle, epaperYearly, premiumDayPass, premiumMonthly),
                Optional.empty());

        grantExternal(reader, epaper, clock.instant(), Optional.empty());

        assertGranted(check(read), EXTERNAL, Optional.empty());
        assertGranted(check(content("article-1", epaper, premium).withCustomer(reader)), EXTERNAL, Optional.empty());
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void aCheckForAnUnknownCustomerIsADenialNotAnError() {
        CustomerId nobody = CustomerId.of("nobody");
        VisitorId visitor = visitor("v1");

        assertDenied(check(content("article-1", premium).withCustomer(nobody)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(check(content("article-1", plus).withCustomer(nobody).withVisitor(visitor)), NO_ACCESS_RIGHT,
                plusOffers, Optional.empty());

        assertFreeView(check(content("article-2", plus).withVisitor(visitor)), 1, MIDNIGHT);
    }

    // ----- the customer's items, and cacheUntil -----

    @Test
    void anItemGrantsUntilItsEndAndTheAnswerMayBeCachedUntilThen() {
        Instant end = local("2025-03-01T00:00");
        grantExternal(reader, premium, clock.instant(), Optional.of(end));
        AccessCheck read = content("article-1", premium).withCustomer(reader);

        assertGranted(check(read), EXTERNAL, Optional.of(end));
        assertGranted(preview(read), EXTERNAL, Optional.of(end));
        clock.set(end.minusSeconds(1));
        assertGranted(check(read), EXTERNAL, Optional.of(end));
        clock.set(end);
        assertDenied(check(read), NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
    }

    @Test
    void withSeveralGrantingItemsTheAnswerIsCachedUntilTheLatestEndOrHasNoLimit() {
        grantExternal(reader, premium, clock.instant(), Optional.of(local("2025-02-01T00:00")));
        grantExternal(reader, epaper, clock.instant(), Optional.of(local("2025-04-01T00:00")));
        AccessCheck read = content("article-1", premium, epaper).withCustomer(reader);

        assertGranted(check(read), EXTERNAL, Optional.of(local("2025-04-01T00:00")));
        assertGranted(check(content("article-1", premium).withCustomer(reader)), EXTERNAL,
                Optional.of(local("2025-02-01T00:00")));

        grantExternal(reader, premium, clock.instant(), Optional.empty());
        assertGranted(check(read), EXTERNAL, Optional.empty());
    }

    @Test
    void anItemThatStartsLaterDeniesUntilItsStartAndTheDenialIsCachedUntilTheEarliestStart() {
        grantExternal(reader, premium, local("2025-03-01T00:00"), Optional.empty());
        grantExternal(reader, epaper, local("2025-02-01T06:00"), Optional.of(local("2025-02-02T06:00")));
        AccessCheck read = content("article-1", premium, epaper).withCustomer(reader);
        List<OfferId> offers = List.of(bundle, epaperYearly, premiumDayPass, premiumMonthly);

        assertDenied(check(read), NO_ACCESS_RIGHT, offers, Optional.of(local("2025-02-01T06:00")));
        clock.set(local("2025-02-01T06:00"));
        assertGranted(check(read), EXTERNAL, Optional.of(local("2025-02-02T06:00")));
        clock.set(local("2025-02-02T06:00"));
        assertDenied(check(read), NO_ACCESS_RIGHT, offers, Optional.of(local("2025-03-01T00:00")));
        clock.set(local("2025-03-01T00:00"));
        assertGranted(check(read), EXTERNAL, Optional.empty());
    }

    @Test
    void itemsForOtherRightsOrOfOtherCustomersDoNotGrant() {
        grantExternal(customer("reader-2"), premium, clock.instant(), Optional.empty());
        grantExternal(reader, epaper, clock.instant(), Optional.empty());

        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void aSponsorItemOfTheCustomerGrantsAsSponsoredUntilItsEnd() {
        Instant end = local("2025-07-01T00:00");
        plenigo.access().grant(new GrantAccess(reader, premium, AccessSource.SPONSOR, clock.instant(),
                Optional.of(end), "city-library", newKey()));

        assertGranted(check(content("article-1", premium).withCustomer(reader)), SPONSORED, Optional.of(end));
    }

    // ----- blocking -----

    @Test
    void aBlockedCustomerIsDeniedContentThatNeedsARightAndReadsAgainOnceUnblocked() {
        grantExternal(reader, premium, clock.instant(), Optional.empty());
        AccessCheck read = content("article-1", premium).withCustomer(reader);
        assertThat(plenigo.customers().block(reader).blocked()).isTrue();

        assertBlocked(check(read), CUSTOMER_BLOCKED);
        assertBlocked(preview(read), CUSTOMER_BLOCKED);
        assertBlocked(check(content("article-2", plus).withCustomer(reader).withVisitor(visitor("v1"))),
                CUSTOMER_BLOCKED);
        assertGranted(check(content("home").withCustomer(reader)), FREE_CONTENT, Optional.empty());

        assertThat(plenigo.customers().unblock(reader).blocked()).isFalse();
        assertGranted(check(read), EXTERNAL, Optional.empty());
        assertFreeView(check(content("article-2", plus).withCustomer(reader)), 2, MIDNIGHT);
        assertFreeView(check(content("article-3", plus).withVisitor(visitor("v1"))), 1, MIDNIGHT);
    }

    @Test
    void aBlockedItemDeniesWithAccessBlockedUntilItIsUnblocked() {
        AccessRightItem item = grantExternal(reader, premium, clock.instant(), Optional.empty());
        AccessCheck read = content("article-1", premium).withCustomer(reader);

        assertThat(plenigo.access().block(item.id()).blocked()).isTrue();
        assertBlocked(check(read), ACCESS_BLOCKED);
        assertBlocked(preview(read), ACCESS_BLOCKED);

        assertThat(plenigo.access().unblock(item.id())).isEqualTo(item);
        assertGranted(check(read), EXTERNAL, Optional.empty());
    }

    @Test
    void aBlockedItemForAMeteredRightGivesNoFreeViewsAndCountsNone() {
        AccessRightItem item = grantExternal(reader, plus, clock.instant(), Optional.empty());
        plenigo.access().block(item.id());

        assertBlocked(check(content("article-1", plus).withCustomer(reader).withVisitor(visitor("v1"))),
                ACCESS_BLOCKED);

        plenigo.access().revoke(item.id());
        assertFreeView(check(content("article-2", plus).withCustomer(reader)), 2, MIDNIGHT);
    }

    @Test
    void aBlockedItemDoesNotHideAnotherItemThatGrants() {
        plenigo.access().block(grantExternal(reader, premium, clock.instant(), Optional.empty()).id());
        Instant end = local("2025-02-01T00:00");
        grantExternal(reader, premium, clock.instant(), Optional.of(end));
        AccessCheck read = content("article-1", premium).withCustomer(reader);

        assertGranted(check(read), EXTERNAL, Optional.of(end));
        clock.set(end);
        assertBlocked(check(read), ACCESS_BLOCKED);
    }

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

    // ----- SPONSORED -----

    @Test
    void aSponsorGrantByEmailDomainAdmitsCustomersOfTheDomainAndItsSubdomains() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.empty());
        assertThat(plenigo.access().findSponsorGrant(grant.id())).contains(grant);

        List<String> admitted = List.of("anna@uni-example.de", "bob@lib.uni-example.de", "Carl@UNI-EXAMPLE.DE");
        for (int i = 0; i < admitted.size(); i++) {
            CustomerId customer = customer("admitted-" + i, admitted.get(i));
            assertGranted(check(content("article-1", premium).withCustomer(customer)), SPONSORED,
                    Optional.of(SPONSOR_UNTIL));
        }
        List<String> others = List.of("eve@notuni-example.de", "mallory@uni-example.de.evil.example",
                "trent@example.de");
        for (int i = 0; i < others.size(); i++) {
            CustomerId customer = customer("other-" + i, others.get(i));
            assertDenied(check(content("article-1", premium).withCustomer(customer)), NO_ACCESS_RIGHT, premiumOffers,
                    Optional.empty());
        }
        assertDenied(check(content("article-1", premium).withVisitor(visitor("v1"))), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void aSponsorGrantByIpv4RangeAdmitsReadersFromTheRange() {
        sponsor("office", Set.of(), List.of("192.0.2.0/24", "198.51.100.7"), Set.of(), OptionalLong.empty());

        for (String address : List.of("192.0.2.0", "192.0.2.255", "198.51.100.7", "::ffff:192.0.2.9")) {
            assertGranted(check(content("article-1", premium).withIpAddress(address)), SPONSORED,
                    Optional.of(SPONSOR_UNTIL));
        }
        assertGranted(check(content("article-1", premium).withCustomer(reader).withIpAddress("192.0.2.10")),
                SPONSORED, Optional.of(SPONSOR_UNTIL));
        for (String address : List.of("192.0.3.0", "192.0.1.255", "198.51.100.8", "2001:db8::c000:201")) {
            assertDenied(check(content("article-1", premium).withIpAddress(address)), NO_ACCESS_RIGHT, premiumOffers,
                    Optional.empty());
        }
    }

    @Test
    void aSponsorGrantByIpv6RangeAdmitsReadersFromTheRange() {
        sponsor("campus-net", Set.of(), List.of("2001:db8:1234::/48"), Set.of(), OptionalLong.empty());

        for (String address : List.of("2001:db8:1234::1", "2001:DB8:1234:ffff:ffff:ffff:ffff:ffff")) {
            assertGranted(check(content("article-1", premium).withVisitor(visitor("v1")).withIpAddress(address)),
                    SPONSORED, Optional.of(SPONSOR_UNTIL));
        }
        for (String address : List.of("2001:db8:1235::", "2001:db8:1233:ffff::1", "192.0.2.1")) {
            assertDenied(check(content("article-1", premium).withVisitor(visitor("v1")).withIpAddress(address)),
                    NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
        }
    }

    @Test
    void aSponsorGrantByCodeAdmitsReadersPresentingExactlyThatCode() {
        sponsor("campaign", Set.of(), List.of(), Set.of("CAMPUS-2025"), OptionalLong.empty());

        assertGranted(check(content("article-1", premium).withSponsorCode("CAMPUS-2025")), SPONSORED,
                Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-1", premium).withCustomer(reader).withSponsorCode("CAMPUS-2025")),
                SPONSORED, Optional.of(SPONSOR_UNTIL));
        for (String code : List.of("campus-2025", "CAMPUS-2026", "CAMPUS-2025-X")) {
            assertDenied(check(content("article-1", premium).withSponsorCode(code)), NO_ACCESS_RIGHT, premiumOffers,
                    Optional.empty());
        }
    }

    @Test
    void aSponsorGrantForAContentIdOpensOnlyThatContentAndWithoutEndHasNoCacheLimit() {
        plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("press-review"), "Press review",
                Set.of(), Set.of(ContentId.of("article-9")), Set.of(), List.of(), Set.of("PRESS-REVIEW"),
                SPONSOR_FROM, Optional.empty(), OptionalLong.empty()));

        assertGranted(check(content("article-9", premium).withSponsorCode("PRESS-REVIEW")), SPONSORED,
                Optional.empty());
        assertDenied(check(content("article-10", premium).withSponsorCode("PRESS-REVIEW")), NO_ACCESS_RIGHT,
                premiumOffers, Optional.empty());
    }

    @Test
    void aSponsorGrantAppliesOnlyWithinItsWindowAndIsCachedUntilItsEnd() {
        Instant from = local("2025-02-01T00:00");
        Instant until = local("2025-03-01T00:00");
        plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("february"), "February", Set.of(premium),
                Set.of(), Set.of(), List.of(), Set.of("FEBRUARY"), from, Optional.of(until), OptionalLong.empty()));
        AccessCheck read = content("article-1", premium).withSponsorCode("FEBRUARY");

        AccessDecision early = check(read);
        assertThat(early.granted()).isFalse();
        assertThat(early.reason()).isEqualTo(NO_ACCESS_RIGHT);
        assertThat(early.offers()).isEqualTo(premiumOffers);
        clock.set(from);
        assertGranted(check(read), SPONSORED, Optional.of(until));
        clock.set(until.minusSeconds(1));
        assertGranted(check(read), SPONSORED, Optional.of(until));
        clock.set(until);
        assertDenied(check(read), NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
    }

    @Test
    void anEndedSponsorGrantAdmitsNoReaderFromItsEndAndIsCachedUntilThen() {
        SponsorGrant grant = plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("bank"), "Bank",
                Set.of(premium), Set.of(), Set.of(), List.of(), Set.of("BANK-2025"), SPONSOR_FROM, Optional.empty(),
                OptionalLong.of(1)));
        AccessCheck read = content("article-1", premium).withSponsorCode("BANK-2025").withVisitor(VisitorId.of("v1"));
        assertGranted(check(read), SPONSORED, Optional.empty());
        Instant end = clock.instant().plus(Duration.ofDays(3));

        assertThat(plenigo.access().endSponsorGrant(grant.id(), end)).isEqualTo(grant.withValidUntil(end));
        assertThat(plenigo.access().findSponsorGrant(grant.id())).contains(grant.withValidUntil(end));
        assertGranted(check(read), SPONSORED, Optional.of(end));
        assertThat(plenigo.access().endSponsorGrant(grant.id(), end.plus(Duration.ofDays(30))))
                .as("an end is never put off").isEqualTo(grant.withValidUntil(end));
        clock.set(end.minusSeconds(1));
        assertGranted(check(read), SPONSORED, Optional.of(end));
        clock.set(end);
        assertDenied(check(read), NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);

        assertInvalid(() -> plenigo.access().endSponsorGrant(grant.id(), SPONSOR_FROM), "endsAt", "validFrom");
        assertInvalid(() -> plenigo.access().endSponsorGrant(grant.id(), null), "endsAt");
        assertInvalid(() -> plenigo.access().endSponsorGrant(null, end), "sponsorGrantId");
        assertNotFound(() -> plenigo.access().endSponsorGrant(SponsorGrantId.of("nobody"), end), "sponsor grant",
                "nobody");
    }

    @Test
    void aReaderBudgetAdmitsThatManyDistinctReadersWhoKeepReading() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.of(2));
        CustomerId anna = customer("anna", "anna@uni-example.de");
        CustomerId bob = customer("bob", "bob@uni-example.de");
        CustomerId carl = customer("carl", "carl@uni-example.de");
        CustomerId dave = customer("dave", "dave@uni-example.de");

        assertGranted(check(content("article-1", premium).withCustomer(anna)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-2", premium).withCustomer(anna)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-1", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(2);

        assertDenied(check(content("article-1", premium).withCustomer(carl)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(preview(content("article-1", premium).withCustomer(dave)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertGranted(check(content("article-3", premium).withCustomer(anna)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-3", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(preview(content("article-4", premium).withCustomer(bob)), SPONSORED,
                Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(2);
    }

    @Test
    void aPreviewTakesNoPlaceInTheBudget() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.of(1));
        CustomerId anna = customer("anna", "anna@uni-example.de");
        CustomerId bob = customer("bob", "bob@uni-example.de");

        assertGranted(preview(content("article-1", premium).withCustomer(anna)), SPONSORED,
                Optional.of(SPONSOR_UNTIL));
        assertGranted(preview(content("article-1", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isZero();

        assertGranted(check(content("article-1", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);
        assertDenied(check(content("article-1", premium).withCustomer(anna)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(preview(content("article-1", premium).withCustomer(anna)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void anonymousReadersTakeTheirPlaceInTheBudgetByVisitorId() {
        SponsorGrant grant = sponsor("office", Set.of(), List.of("192.0.2.0/24"), Set.of(), OptionalLong.of(1));

        assertGranted(check(content("article-1", premium).withVisitor(visitor("v1")).withIpAddress("192.0.2.1")),
                SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-2", premium).withVisitor(visitor("v1")).withIpAddress("192.0.2.2")),
                SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertDenied(check(content("article-1", premium).withVisitor(visitor("v2")).withIpAddress("192.0.2.1")),
                NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);
    }

    @Test
    void aSponsorOpensMeteredContentWithoutUsingAFreeView() {
        plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("open-plus"), "Open plus", Set.of(plus),
                Set.of(), Set.of(), List.of(), Set.of("READ-FREE"), SPONSOR_FROM, Optional.empty(),
                OptionalLong.empty()));
        VisitorId visitor = visitor("v1");

        for (int i = 1; i <= 3; i++) {
            assertGranted(check(plusContent("a" + i).withVisitor(visitor).withSponsorCode("READ-FREE")), SPONSORED,
                    Optional.empty());
        }
        assertGranted(check(plusContent("a1").withSponsorCode("READ-FREE")), SPONSORED, Optional.empty());

        assertFreeView(check(plusContent("a4").withVisitor(visitor)), 1, MIDNIGHT);
    }

    @Test
    void aReaderHoldingTheRightIsNotCountedAgainstTheBudget() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.of(1));
        CustomerId anna = customer("anna", "anna@uni-example.de");
        CustomerId bob = customer("bob", "bob@uni-example.de");
        grantExternal(anna, premium, clock.instant(), Optional.empty());

        assertGranted(check(content("article-1", premium).withCustomer(anna)), EXTERNAL, Optional.empty());
        assertThat(plenigo.access().sponsorReaders(grant.id())).isZero();
        assertGranted(check(content("article-1", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);
    }

    @Test
    void aBlockedCustomerIsNotSponsored() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.of(5));
        CustomerId anna = customer("anna", "anna@uni-example.de");
        plenigo.customers().block(anna);

        assertBlocked(check(content("article-1", premium).withCustomer(anna)), CUSTOMER_BLOCKED);
        assertBlocked(check(content("article-1", premium).withCustomer(anna).withIpAddress("192.0.2.1")),
                CUSTOMER_BLOCKED);
        assertThat(plenigo.access().sponsorReaders(grant.id())).isZero();
    }

    // ----- helpers -----

    private AccessDecision check(AccessCheck check) {
        return plenigo.access().check(check);
    }

    private AccessDecision preview(AccessCheck check) {
        return plenigo.access().preview(check);
    }

    private AccessCheck plusContent(String id) {
        return content(id, plus);
    }

    private static VisitorId visitor(String id) {
        return VisitorId.of(id);
    }

    private static Instant at(LocalDateTime local) {
        return local.atZone(ZONE).toInstant();
    }

    /** A grant for premium content, valid through the first half of 2025. */
    private SponsorGrant sponsor(String id, Set<String> domains, List<String> ranges, Set<String> codes,
                                 OptionalLong budget) {
        return plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of(id), "Sponsor " + id,
                Set.of(premium), Set.of(), domains, ranges.stream().map(IpRange::parse).toList(), codes, SPONSOR_FROM,
                Optional.of(SPONSOR_UNTIL), budget));
    }

    /** Denied because of a block: nothing to count, and nothing that time alone would change. */
    private static void assertBlocked(AccessDecision decision, AccessReason reason) {
        assertThat(decision.reason()).isEqualTo(reason);
        assertThat(decision.granted()).isFalse();
        assertThat(decision.remainingFreeViews()).isEqualTo(OptionalInt.empty());
        assertThat(decision.cacheUntil()).isEmpty();
    }

    /** A metered free view of today, whichever of several meters counted it. */
    private static void assertFreeViewCounted(AccessDecision decision) {
        assertThat(decision.reason()).isEqualTo(METERED_FREE_VIEW);
        assertThat(decision.granted()).isTrue();
        assertThat(decision.offers()).isEmpty();
        assertThat(decision.cacheUntil()).contains(MIDNIGHT);
    }
}
