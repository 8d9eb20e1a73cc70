package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.CreditProductKind;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * Contract of the credit product repository port and of the access-related parts of offers, access
 * rights, customers and charges, as their Javadoc states them. Every write is rolled back with its
 * unit of work.
 */
public abstract class AccessCatalogRepositoryContract extends AccessRepositoryFixtures {
    // ----- credit products -----

    @Test
    void creditProductsAreInsertedOnceAndFoundAsStoredWithTheirContentsInOrder() {
        CreditProduct article = CreditProduct.article(CreditProductId.of("cp-article"), "Long read", W1, 3, A1);
        CreditProduct issue = CreditProduct.issue(CreditProductId.of("cp-issue"), "Issue 12/2025", W1, 12,
                ContentId.of("issue-2025-12"));
        List<ContentId> sessions = List.of(ContentId.of("session-c"), ContentId.of("session-a"),
                ContentId.of("session-d"), ContentId.of("session-b"));
        CreditProduct series = CreditProduct.webinarSeries(CreditProductId.of("cp-series"), "Webinars", W1, 20,
                sessions, 2);

        assertThat(tx(() -> store.creditProducts().insert(article))).isTrue();
        assertThat(tx(() -> store.creditProducts().insert(issue))).isTrue();
        assertThat(tx(() -> store.creditProducts().insert(series))).isTrue();
        assertThat(tx(() -> store.creditProducts().insert(CreditProduct.article(article.id(), "Other", W1, 1, A2))))
                .as("same id").isFalse();

        assertThat(tx(() -> store.creditProducts().find(article.id()))).contains(article);
        assertThat(tx(() -> store.creditProducts().find(issue.id()))).contains(issue);
        CreditProduct found = tx(() -> store.creditProducts().find(series.id())).orElseThrow();
        assertThat(found).isEqualTo(series);
        assertThat(found.kind()).isEqualTo(CreditProductKind.WEBINAR_SERIES);
        assertThat(found.contents()).containsExactlyElementsOf(sessions);
        assertThat(found.picks()).isEqualTo(2);
        assertThat(tx(() -> store.creditProducts().find(CreditProductId.of("missing")))).isEmpty();
    }

    @Test
    void creditProductInsertsAreRolledBackWithTheirUnitOfWork() {
        CreditProduct article = CreditProduct.article(CreditProductId.of("cp-article"), "Long read", W1, 3, A1);
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.creditProducts().insert(article)).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.creditProducts().find(article.id()))).isEmpty();
        assertThat(tx(() -> store.creditProducts().insert(article))).isTrue();
    }

    // ----- offers, access rights, customers, charges -----

    @Test
    void findGrantingListsTheOffersGrantingAnyOfTheRightsOnceById() {
        Offer both = Offer.timeBased(OfferId.of("o-c"), "Everything", ACCESS, Set.of(PREMIUM, EPAPER));
        Offer premiumForAMonth = Offer.singlePurchase(OfferId.of("o-a"), "Premium for 30 days", ACCESS,
                Set.of(PREMIUM), Optional.of(Interval.days(30)));
        Offer epaper = Offer.timeBased(OfferId.of("o-b"), "E-paper", ACCESS, Set.of(EPAPER));
        Offer credits = Offer.usageBased(OfferId.of("o-d"), "Credits", CREDITS, W1, TopUpPlan.automatic());
        Offer premiumForEver = Offer.singlePurchase(OfferId.of("o-e"), "Premium for ever", ACCESS, Set.of(PREMIUM),
                Optional.empty());
        txRun(() -> List.of(credits, both, premiumForEver, epaper, premiumForAMonth)
                .forEach(store.offers()::insert));

        assertThat(tx(() -> store.offers().findGranting(Set.of(PREMIUM))))
                .containsExactly(premiumForAMonth.id(), both.id(), premiumForEver.id());
        assertThat(tx(() -> store.offers().findGranting(List.of(EPAPER)))).containsExactly(epaper.id(), both.id());
        assertThat(tx(() -> store.offers().findGranting(List.of(EPAPER, PREMIUM))))
                .containsExactly(premiumForAMonth.id(), epaper.id(), both.id(), premiumForEver.id());
        assertThat(tx(() -> store.offers().findGranting(Set.of(PODCAST)))).isEmpty();
        assertThat(tx(() -> store.offers().findGranting(Set.of(AccessRightId.of("unknown"))))).isEmpty();
        assertThat(tx(() -> store.offers().findGranting(Set.of()))).isEmpty();
    }

    @Test
    void offersKeepTheirAccessDuration() {
        Offer month = Offer.singlePurchase(OfferId.of("o-month"), "Premium for a month", ACCESS, Set.of(PREMIUM),
                Optional.of(Interval.months(1)));
        Offer weeks = new Offer(OfferId.of("o-weeks"), "Two weeks of everything", OfferType.SINGLE_PURCHASE, ACCESS,
                Optional.empty(), Optional.empty(), Set.of(PREMIUM, EPAPER), Optional.of(Interval.weeks(2)));
        Offer forEver = Offer.singlePurchase(OfferId.of("o-ever"), "Premium for ever", ACCESS, Set.of(PREMIUM),
                Optional.empty());
        txRun(() -> List.of(month, weeks, forEver).forEach(store.offers()::insert));

        assertThat(tx(() -> store.offers().find(month.id()))).contains(month);
        assertThat(tx(() -> store.offers().find(weeks.id()))).contains(weeks);
        assertThat(tx(() -> store.offers().find(weeks.id())).orElseThrow().accessDuration())
                .contains(Interval.weeks(2));
        assertThat(tx(() -> store.offers().find(forEver.id()))).contains(forEver);
        assertThat(tx(() -> store.offers().find(forEver.id())).orElseThrow().accessDuration()).isEmpty();
    }

    @Test
    void accessRightsKeepTheirMeter() {
        AccessRight monthly = AccessRight.metered(AccessRightId.of("metered-month"), "Metered monthly",
                new MeterRule(3, 10, IntervalUnit.MONTH, MeterAlignment.CALENDAR));
        AccessRight weekly = AccessRight.metered(AccessRightId.of("metered-week"), "Metered weekly",
                new MeterRule(0, 10_000, IntervalUnit.WEEK, MeterAlignment.ROLLING));
        AccessRight hard = new AccessRight(AccessRightId.of("hard"), "Hard paywall");
        txRun(() -> List.of(monthly, weekly, hard).forEach(store.accessRights()::insert));

        assertThat(tx(() -> store.accessRights().find(monthly.id()))).contains(monthly);
        assertThat(tx(() -> store.accessRights().find(weekly.id()))).contains(weekly);
        assertThat(tx(() -> store.accessRights().find(hard.id()))).contains(hard);
        assertThat(tx(() -> store.accessRights().find(hard.id())).orElseThrow().meter()).isEmpty();
        assertThat(tx(() -> store.accessRights().find(PREMIUM)).orElseThrow().meter())
                .contains(new MeterRule(3, 10, IntervalUnit.MONTH, MeterAlignment.CALENDAR));
    }

    @Test
    void customersKeepTheirBlockedFlagAndSetBlockedSaysWhetherTheCustomerExists() {
        Customer blocked = new Customer(CustomerId.of("c-blocked"), "blocked@example.org", "Blocked", "FR",
                Optional.of("FR12345678901"), true);
        assertThat(tx(() -> store.customers().insert(blocked))).isTrue();
        assertThat(tx(() -> store.customers().find(blocked.id()))).contains(blocked);
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();
        assertThat(c1.blocked()).isFalse();

        assertThat(tx(() -> store.customers().setBlocked(C1, true))).isTrue();
        assertThat(tx(() -> store.customers().find(C1))).contains(c1.withBlocked(true));
        assertThat(tx(() -> store.customers().setBlocked(C1, true))).as("already blocked: it exists").isTrue();
        assertThat(tx(() -> store.customers().find(C2)).orElseThrow().blocked()).isFalse();

        assertThat(tx(() -> store.customers().setBlocked(C1, false))).isTrue();
        assertThat(tx(() -> store.customers().find(C1))).contains(c1);
        assertThat(tx(() -> store.customers().setBlocked(blocked.id(), false))).isTrue();
        assertThat(tx(() -> store.customers().find(blocked.id()))).contains(blocked.withBlocked(false));
        assertThat(tx(() -> store.customers().setBlocked(CustomerId.of("missing"), true))).isFalse();
        assertThat(tx(() -> store.customers().find(CustomerId.of("missing")))).isEmpty();
    }

    @Test
    void catalogAndCustomerWritesOfAccessAreRolledBackWithTheirUnitOfWork() {
        Offer offer = Offer.singlePurchase(OfferId.of("o-a"), "Premium for 30 days", ACCESS, Set.of(PREMIUM),
                Optional.of(Interval.days(30)));
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.offers().insert(offer)).isTrue();
            assertThat(store.customers().setBlocked(C1, true)).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.offers().find(offer.id()))).isEmpty();
        assertThat(tx(() -> store.offers().findGranting(Set.of(PREMIUM)))).isEmpty();
        assertThat(tx(() -> store.customers().find(C1))).contains(c1);
    }

}
