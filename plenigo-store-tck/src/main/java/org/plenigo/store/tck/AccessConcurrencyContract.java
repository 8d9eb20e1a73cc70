package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.access.AccessReason.METERED_FREE_VIEW;
import static org.plenigo.core.access.AccessReason.METER_EXHAUSTED;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SPONSORED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.GrantAccess;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.access.UnlockResult;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.purchase.PurchaseResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * Many threads asking and buying at once on one store: a sponsor's reader budget is never
 * exceeded, a reader's free views are counted exactly (also when a new period starts under
 * contention), parallel unlocks of one product by one customer are charged once, and one
 * idempotency key sent by many threads grants and charges once. All threads start together at a
 * gate; a caller that loses a race sends the same request again, as a real caller would.
 */
public abstract class AccessConcurrencyContract extends StoreContractSupport {
    private static final Instant MIDNIGHT = local("2025-01-16T00:00");

    private CustomerId reader;
    private AccessRightId premium;
    private AccessRightId plus;
    private WalletId articles;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        premium = hardRight("premium");
        plus = meteredRight("plus", new MeterRule(3, 3, IntervalUnit.DAY, MeterAlignment.CALENDAR));
        articles = wallet("article-credits");
    }

    // ----- sponsor budgets -----

    @Test
    void eightReadersAtOnceOnABudgetOfFiveAdmitExactlyFive() throws Exception {
        List<CustomerId> readers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            readers.add(customer("student-" + i, "student-" + i + "@uni-example.de"));
        }
        for (int round = 0; round < 10; round++) {
            SponsorGrant grant = plenigo.access().createSponsorGrant(new SponsorGrant(
                    SponsorGrantId.of("university-" + round), "University", Set.of(),
                    Set.of(ContentId.of("article-" + round)), Set.of("uni-example.de"), List.of(), Set.of(),
                    local("2025-01-01T00:00"), Optional.empty(), OptionalLong.of(5)));
            AccessCheck read = content("article-" + round, premium);

            List<AccessDecision> decisions = inParallel(8, thread ->
                    () -> retryingLostRaces(() -> plenigo.access().check(read.withCustomer(readers.get(thread)))));

            assertThat(decisions).as("round %d", round).filteredOn(d -> d.reason() == SPONSORED).hasSize(5);
            assertThat(decisions).as("round %d", round).filteredOn(d -> d.reason() == NO_ACCESS_RIGHT).hasSize(3);
            assertThat(plenigo.access().sponsorReaders(grant.id())).as("round %d", round).isEqualTo(5);
            for (int i = 0; i < 8; i++) {
                assertThat(plenigo.access().check(read.withCustomer(readers.get(i))).reason())
                        .as("round %d, reader %d asks again", round, i).isEqualTo(decisions.get(i).reason());
            }
            assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(5);
        }
    }

    @Test
    void oneReaderAskingManyTimesAtOnceTakesOnePlaceInTheBudget() throws Exception {
        SponsorGrant grant = plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("campaign"),
                "Campaign", Set.of(premium), Set.of(), Set.of(), List.of(), Set.of("CAMPUS-2025"),
                local("2025-01-01T00:00"), Optional.empty(), OptionalLong.of(1)));
        AccessCheck read = content("article-1", premium).withVisitor(VisitorId.of("v1")).withSponsorCode("CAMPUS-2025");

        List<AccessDecision> decisions = inParallel(8, thread ->
                () -> retryingLostRaces(() -> plenigo.access().check(read)));

        assertThat(decisions).allSatisfy(d -> assertGranted(d, SPONSORED, Optional.empty()));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);
        assertThat(plenigo.access().check(content("article-1", premium).withVisitor(VisitorId.of("v2"))
                .withSponsorCode("CAMPUS-2025")).reason()).isEqualTo(NO_ACCESS_RIGHT);
    }

    // ----- metering -----

    @Test
    void eightThreadsCountingDistinctContentsForOneReaderGiveExactlyTheFreeViews() throws Exception {
        for (int round = 0; round < 10; round++) {
            CustomerId customer = customer("counted-" + round);

            List<AccessDecision> decisions = inParallel(8, thread -> () -> retryingLostRaces(
                    () -> plenigo.access().check(content("a" + thread, plus).withCustomer(customer))));

            assertThat(decisions).as("round %d", round).filteredOn(d -> d.reason() == METERED_FREE_VIEW)
                    .extracting(d -> d.remainingFreeViews().orElse(-1)).containsExactlyInAnyOrder(2, 1, 0);
            assertThat(decisions).as("round %d", round).filteredOn(d -> d.reason() == METER_EXHAUSTED).hasSize(5)
                    .allSatisfy(d -> assertThat(d.remainingFreeViews()).isEqualTo(OptionalInt.of(0)));
            for (int i = 0; i < 8; i++) {
                AccessDecision again = plenigo.access().check(content("a" + i, plus).withCustomer(customer));
                assertThat(again.reason()).as("round %d, content a%d read again", round, i)
                        .isEqualTo(decisions.get(i).reason());
                assertThat(again.remainingFreeViews()).isEqualTo(OptionalInt.of(0));
            }
        }
    }

    @Test
    void eightThreadsReadingTheSameContentCountItOnce() throws Exception {
        VisitorId visitor = VisitorId.of("v1");

        List<AccessDecision> decisions = inParallel(8, thread -> () -> retryingLostRaces(
                () -> plenigo.access().check(content("a1", plus).withVisitor(visitor))));

        assertThat(decisions).allSatisfy(d -> assertFreeView(d, 2, MIDNIGHT));
        assertFreeView(plenigo.access().check(content("a2", plus).withVisitor(visitor)), 1, MIDNIGHT);
    }

    @Test
    void theFirstViewsOfANewPeriodAreCountedExactlyUnderContention() throws Exception {
        VisitorId visitor = VisitorId.of("v1");
        for (int i = 0; i < 3; i++) {
            plenigo.access().check(content("yesterday-" + i, plus).withVisitor(visitor));
        }
        clock.set(MIDNIGHT);

        List<AccessDecision> decisions = inParallel(8, thread -> () -> retryingLostRaces(
                () -> plenigo.access().check(content("a" + thread, plus).withVisitor(visitor))));

        Instant nextMidnight = local("2025-01-17T00:00");
        assertThat(decisions).filteredOn(d -> d.reason() == METERED_FREE_VIEW)
                .extracting(d -> d.remainingFreeViews().orElse(-1)).containsExactlyInAnyOrder(2, 1, 0);
        assertThat(decisions).filteredOn(d -> d.reason() == METER_EXHAUSTED).hasSize(5)
                .allSatisfy(d -> assertThat(d.cacheUntil()).contains(nextMidnight));
    }

    // ----- unlocks -----

    @Test
    void twoParallelUnlocksOfTheSameProductChargeOnce() throws Exception {
        plenigo.wallets().grant(reader, articles, 100, "prepaid", newKey());
        for (int round = 0; round < 20; round++) {
            CreditProductId product = plenigo.catalog().createCreditProduct(CreditProduct.article(
                    CreditProductId.of("p-" + round), "Article " + round, articles, 2,
                    ContentId.of("article-" + round))).id();
            int r = round;

            List<UnlockResult> results = inParallel(2, thread -> () -> retryingLostRaces(
                    () -> plenigo.access().unlock(reader, product, List.of(), IdempotencyKey.of("u" + r + "-" + thread))));

            assertThat(results).as("round %d", round).filteredOn(UnlockResult.Unlocked.class::isInstance).hasSize(1);
            assertThat(results).as("round %d", round).filteredOn(UnlockResult.AlreadyHeld.class::isInstance)
                    .hasSize(1);
            assertThat(results.get(0).grantedItems()).as("round %d", round).isEqualTo(results.get(1).grantedItems());
        }

        List<LedgerEntry> consumptions = ledger(reader, articles).stream()
                .filter(e -> e.type() == LedgerEntryType.CONSUMPTION).toList();
        assertThat(consumptions).hasSize(20).allSatisfy(e -> assertThat(e.credits()).isEqualTo(-2));
        assertThat(balance(reader, articles)).isEqualTo(60);
        assertThat(plenigo.access().items(reader)).hasSize(20).extracting(AccessRightItem::contentId)
                .doesNotHaveDuplicates();
        assertWalletConsistent(reader, articles);
    }

    @Test
    void parallelUnlocksThatNeedAnAutomaticTopUpChargeItOnce() throws Exception {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        CreditProductId longread = plenigo.catalog().createCreditProduct(CreditProduct.article(
                CreditProductId.of("p-longread"), "Long read", articles, 7, ContentId.of("longread"))).id();

        List<UnlockResult> results = inParallel(8, thread -> () -> retryingLostRaces(
                () -> plenigo.access().unlock(reader, longread, List.of(), IdempotencyKey.of("unlock-" + thread))));

        assertThat(results).filteredOn(UnlockResult.Unlocked.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(UnlockResult.AlreadyHeld.class::isInstance).hasSize(7);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.TOP_UP,
                LedgerEntryType.CONSUMPTION);
        assertThat(charges(reader)).hasSize(2);
        assertThat(balance(reader, articles)).isEqualTo(3);
        assertThat(plenigo.access().items(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void oneUnlockKeySentByEightThreadsAtOnceIsAppliedOnce() throws Exception {
        plenigo.wallets().grant(reader, articles, 10, "prepaid", newKey());
        CreditProductId product = plenigo.catalog().createCreditProduct(CreditProduct.article(
                CreditProductId.of("p-1"), "Article 1", articles, 3, ContentId.of("article-1"))).id();
        IdempotencyKey key = key("same-click");

        List<UnlockResult> results = inParallel(8, thread -> () -> retryingLostRaces(
                () -> plenigo.access().unlock(reader, product, List.of(), key)));

        List<UnlockResult> applied = results.stream().filter(UnlockResult.Unlocked.class::isInstance).toList();
        assertThat(applied).hasSize(1);
        assertThat(results).filteredOn(UnlockResult.Replayed.class::isInstance).hasSize(7)
                .allSatisfy(r -> assertThat(r).isEqualTo(new UnlockResult.Replayed(applied.get(0))));
        assertThat(balance(reader, articles)).isEqualTo(7);
        assertThat(ledger(reader, articles)).hasSize(2);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void parallelUnlocksOfDifferentProductsNeverOverdrawTheWallet() throws Exception {
        plenigo.wallets().grant(reader, articles, 10, "prepaid", newKey());
        List<CreditProductId> products = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            products.add(plenigo.catalog().createCreditProduct(CreditProduct.article(CreditProductId.of("p-" + i),
                    "Article " + i, articles, 3, ContentId.of("article-" + i))).id());
        }

        List<UnlockResult> results = inParallel(8, thread -> () -> retryingLostRaces(
                () -> plenigo.access().unlock(reader, products.get(thread), List.of(), newKey())));

        assertThat(results).filteredOn(UnlockResult.Unlocked.class::isInstance).hasSize(3);
        assertThat(results).filteredOn(UnlockResult.Refused.class::isInstance).hasSize(5)
                .allSatisfy(r -> assertThat(((UnlockResult.Refused) r).reason())
                        .isEqualTo(Refusal.INSUFFICIENT_CREDITS));
        assertThat(balance(reader, articles)).isEqualTo(1);
        assertThat(plenigo.access().items(reader)).hasSize(3);
        assertWalletConsistent(reader, articles);
    }

    // ----- grants and purchases with one key -----

    @Test
    void oneExternalGrantSentByEightThreadsAtOnceStoresOneItem() throws Exception {
        GrantAccess request = GrantAccess.external(reader, premium, clock.instant(), Optional.empty(), "print-4711",
                key("print-4711"));

        List<AccessRightItem> items = inParallel(8, thread ->
                () -> retryingLostRaces(() -> plenigo.access().grant(request)));

        assertThat(items).containsOnly(items.get(0));
        assertThat(plenigo.access().items(reader)).containsExactly(items.get(0));
    }

    @Test
    void onePurchaseSentByEightThreadsAtOnceIsChargedOnce() throws Exception {
        OfferId offer = singlePurchaseOffer("premium-day-pass", Optional.of(Interval.days(1)), premium);
        IdempotencyKey key = key("checkout-1");

        List<PurchaseResult> results = inParallel(8, thread ->
                () -> retryingLostRaces(() -> plenigo.purchases().buy(reader, offer, key)));

        List<PurchaseResult> applied = results.stream().filter(PurchaseResult.Purchased.class::isInstance).toList();
        assertThat(applied).hasSize(1);
        assertThat(results).filteredOn(PurchaseResult.Replayed.class::isInstance).hasSize(7)
                .allSatisfy(r -> assertThat(r).isEqualTo(
                        new PurchaseResult.Replayed((PurchaseResult.Purchased) applied.get(0))));
        assertThat(charges(reader)).hasSize(1);
        assertThat(plenigo.access().items(reader)).hasSize(1);
    }
}
