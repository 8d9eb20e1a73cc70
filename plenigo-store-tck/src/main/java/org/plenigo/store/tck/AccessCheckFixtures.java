package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * The catalog every access check contract starts from (a reader, rights behind HARD and METERED
 * paywalls, the offers that grant them) and the helpers to ask and to judge a check.
 */
abstract class AccessCheckFixtures extends StoreContractSupport {
    /** plus: 2 free views a day for anonymous readers, 3 for logged-in customers. */
    static final MeterRule DAILY = new MeterRule(2, 3, IntervalUnit.DAY, MeterAlignment.CALENDAR);
    /** The end of the day on which the tests start (15 January 2025, 10:00 Berlin). */
    static final Instant MIDNIGHT = local("2025-01-16T00:00");

    CustomerId reader;
    AccessRightId premium;
    AccessRightId epaper;
    AccessRightId plus;
    OfferId bundle;
    OfferId epaperYearly;
    OfferId plusMonthly;
    OfferId premiumDayPass;
    OfferId premiumMonthly;
    /** The offers granting premium, by id. */
    List<OfferId> premiumOffers;
    /** The offers granting plus, by id. */
    List<OfferId> plusOffers;

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

    // ----- helpers -----

    AccessDecision preview(AccessCheck check) {
        return plenigo.access().preview(check);
    }

    AccessCheck plusContent(String id) {
        return content(id, plus);
    }

    static VisitorId visitor(String id) {
        return VisitorId.of(id);
    }

    /** Denied because of a block: nothing to count, and nothing that time alone would change. */
    static void assertBlocked(AccessDecision decision, AccessReason reason) {
        assertThat(decision.reason()).isEqualTo(reason);
        assertThat(decision.granted()).isFalse();
        assertThat(decision.remainingFreeViews()).isEqualTo(OptionalInt.empty());
        assertThat(decision.cacheUntil()).isEmpty();
    }
}
