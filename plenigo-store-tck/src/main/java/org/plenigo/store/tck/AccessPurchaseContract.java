package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.plenigo.core.access.AccessReason.ACCESS_BLOCKED;
import static org.plenigo.core.access.AccessReason.CREDIT_UNLOCK;
import static org.plenigo.core.access.AccessReason.EXTERNAL;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SINGLE_PURCHASE;
import static org.plenigo.core.access.AccessReason.SUBSCRIPTION;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.BillableUsers;
import org.plenigo.core.access.GrantAccess;
import org.plenigo.core.access.UnlockResult;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Charge;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.purchase.PurchaseResult;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.Refusal;

/**
 * How readers come to hold access right items, on the store under test: time-based subscriptions
 * (charged once, granted while active, ended at the end of the billing period on cancellation),
 * single purchases (for ever or for a calendar duration), external grants (revoked, blocked),
 * credit unlocks of articles, issues and webinar series (debited with the automatic top-up, once),
 * each with the reason and {@code cacheUntil} its item gives an access check; and the billable
 * users of a month in Europe/Berlin.
 */
public abstract class AccessPurchaseContract extends StoreContractSupport {
    private CustomerId reader;
    private AccessRightId premium;
    private AccessRightId epaper;
    private WalletId articles;
    private CreditProductId article42;
    private CreditProductId issue;
    private CreditProductId webinar;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        premium = hardRight("premium");
        epaper = hardRight("epaper");
        articles = wallet("article-credits");
        article42 = plenigo.catalog().createCreditProduct(CreditProduct.article(CreditProductId.of("p-article-42"),
                "Article 42", articles, 3, ContentId.of("article-42"))).id();
        issue = plenigo.catalog().createCreditProduct(CreditProduct.issue(CreditProductId.of("p-issue-2025-03"),
                "Issue March 2025", articles, 5, ContentId.of("issue-2025-03"))).id();
        webinar = plenigo.catalog().createCreditProduct(CreditProduct.webinarSeries(CreditProductId.of("p-webinar"),
                "Spring webinars", articles, 4, sessions("s1", "s2", "s3", "s4", "s5"), 2)).id();
    }

    // ----- time-based subscriptions -----

    @Test
    void subscribingToATimeBasedOfferChargesTheFirstPeriodAndGrantsItsRightsWithoutEnd() {
        OfferId offer = timeBasedOffer("digital-monthly", Interval.months(1), premium, epaper);
        Instant now = clock.instant();

        SubscriptionResult.Activated activated = activate(reader, offer);

        Subscription subscription = activated.subscription();
        assertThat(subscription.customerId()).isEqualTo(reader);
        assertThat(subscription.offerId()).isEqualTo(offer);
        assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(subscription.startedAt()).isEqualTo(now);
        assertThat(subscription.customerWalletId()).isEmpty();
        assertThat(charges(reader)).singleElement().satisfies(charge -> {
            assertThat(charge.id()).isEqualTo(activated.firstCharge());
            assertThat(charge.request().amount()).isEqualTo(ACCESS_PRICE);
            assertThat(charge.request().taxType()).isEqualTo(TaxType.DIGITAL_NEWSPAPER);
            assertThat(charge.request().subscriptionId()).contains(subscription.id());
            assertThat(charge.request().purchaseId()).isEmpty();
            assertThat(charge.request().at()).isEqualTo(now);
        });
        assertThat(activated.items()).hasSize(2).allSatisfy(item -> {
            assertThat(item.customerId()).isEqualTo(reader);
            assertThat(item.contentId()).isEmpty();
            assertThat(item.source()).isEqualTo(AccessSource.TIME_BASED_SUBSCRIPTION);
            assertThat(item.startsAt()).isEqualTo(now);
            assertThat(item.endsAt()).isEmpty();
            assertThat(item.blocked()).isFalse();
            assertThat(item.reference()).contains(subscription.id().value());
        }).extracting(AccessRightItem::accessRightId).containsExactlyInAnyOrder(Optional.of(premium),
                Optional.of(epaper));
        assertThat(plenigo.access().items(reader)).containsExactlyInAnyOrderElementsOf(activated.items());
        assertThat(plenigo.subscriptions().findByCustomer(reader)).containsExactly(subscription);
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SUBSCRIPTION, Optional.empty());
        assertGranted(check(content("epaper-1", epaper).withCustomer(reader)), SUBSCRIPTION, Optional.empty());
        clock.advance(Period.ofYears(3));
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SUBSCRIPTION, Optional.empty());
    }

    @Test
    void subscribingAgainWithTheSameKeyReplaysTheActivationWithoutASecondCharge() {
        OfferId offer = timeBasedOffer("digital-monthly", Interval.months(1), premium);
        IdempotencyKey key = key("checkout-1");
        SubscriptionResult first = plenigo.subscriptions().subscribe(reader, offer, key);
        assertThat(first).isInstanceOf(SubscriptionResult.Activated.class);

        SubscriptionResult again = plenigo.subscriptions().subscribe(reader, offer, key);

        assertThat(again).isEqualTo(new SubscriptionResult.Replayed((SubscriptionResult.Created) first));
        assertThat(charges(reader)).hasSize(1);
        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(1);
        assertThat(plenigo.access().items(reader)).hasSize(1);
    }

    @ParameterizedTest(name = "every {0} {1}, bought {2}, cancelled {3}: access until {4}")
    @CsvSource({
            "1, MONTH, 2025-01-31T10:00, 2025-02-10T09:00, 2025-02-28T10:00",
            "1, MONTH, 2028-01-31T10:00, 2028-02-10T09:00, 2028-02-29T10:00",
            "1, MONTH, 2025-01-31T10:00, 2025-03-05T12:00, 2025-03-31T10:00",
            "1, MONTH, 2025-03-01T10:00, 2025-03-15T10:00, 2025-04-01T10:00",
            "1, MONTH, 2025-10-01T10:00, 2025-10-20T10:00, 2025-11-01T10:00",
            "1, WEEK,  2025-01-15T10:00, 2025-01-20T18:00, 2025-01-22T10:00",
            "3, MONTH, 2025-01-15T10:00, 2025-02-20T10:00, 2025-04-15T10:00",
            "1, YEAR,  2025-01-15T10:00, 2025-01-15T10:00, 2026-01-15T10:00"})
    void cancellingEndsTheItemsAtTheEndOfTheCurrentBillingPeriod(int count, IntervalUnit unit, LocalDateTime bought,
                                                                  LocalDateTime cancelled, LocalDateTime accessUntil) {
        OfferId offer = timeBasedOffer("digital", Interval.of(count, unit), premium);
        clock.set(bought);
        SubscriptionResult.Activated activated = activate(reader, offer);
        clock.set(cancelled);
        Instant end = at(accessUntil);

        Subscription after = plenigo.subscriptions().cancel(activated.subscription().id());

        assertThat(after.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(after.cancelledAt()).contains(at(cancelled));
        assertThat(plenigo.access().items(reader)).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo(activated.items().get(0).id());
            assertThat(item.startsAt()).isEqualTo(at(bought));
            assertThat(item.endsAt()).contains(end);
        });
        AccessCheck read = content("article-1", premium).withCustomer(reader);
        assertGranted(check(read), SUBSCRIPTION, Optional.of(end));
        clock.set(end.minusSeconds(1));
        assertGranted(check(read), SUBSCRIPTION, Optional.of(end));
        clock.set(end);
        assertDenied(check(read), NO_ACCESS_RIGHT, List.of(offer), Optional.empty());
        assertThat(charges(reader)).hasSize(1);
    }

    @Test
    void cancellingAgainLaterChangesNothing() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = activate(reader, offer).subscription();
        clock.set(local("2025-01-20T08:00"));
        Subscription cancelled = plenigo.subscriptions().cancel(subscription.id());
        clock.set(local("2025-02-01T08:00"));

        assertThat(plenigo.subscriptions().cancel(subscription.id())).isEqualTo(cancelled);

        assertThat(plenigo.access().items(reader)).singleElement()
                .satisfies(item -> assertThat(item.endsAt()).contains(local("2025-02-15T10:00")));
    }

    @Test
    void aTimeBasedSubscriptionWhoseFirstChargeFailsCreatesAndGrantsNothing() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);

        SubscriptionResult result = declining().subscriptions().subscribe(reader, offer, newKey());

        assertThat(result).isInstanceOfSatisfying(SubscriptionResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.PAYMENT_FAILED);
            assertThat(refused.detail()).contains("card declined");
        });
        assertThat(plenigo.subscriptions().findByCustomer(reader)).isEmpty();
        assertThat(plenigo.access().items(reader)).isEmpty();
        assertThat(charges(reader)).isEmpty();
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(offer),
                Optional.empty());
    }

    // ----- single purchases -----

    @Test
    void aSinglePurchaseWithAnAccessDurationGrantsForThatManyCalendarDaysInBerlin() {
        clock.set(LocalDateTime.of(2025, 3, 20, 10, 0));
        Instant now = clock.instant();
        OfferId offer = singlePurchaseOffer("premium-30-days", Optional.of(Interval.days(30)), premium);
        // 30 calendar days across the switch to summer time: the same wall-clock time, 719 hours later
        Instant end = local("2025-04-19T10:00");

        PurchaseResult.Purchased purchased = purchased(plenigo.purchases().buy(reader, offer, newKey()));

        assertThat(charges(reader)).singleElement().satisfies(charge -> {
            assertThat(charge.id()).isEqualTo(purchased.charge());
            assertThat(charge.request().amount()).isEqualTo(ACCESS_PRICE);
            assertThat(charge.request().purchaseId()).contains(purchased.id());
            assertThat(charge.request().subscriptionId()).isEmpty();
            assertThat(charge.request().at()).isEqualTo(now);
        });
        assertThat(purchased.items()).singleElement().satisfies(item -> {
            assertThat(item.customerId()).isEqualTo(reader);
            assertThat(item.accessRightId()).contains(premium);
            assertThat(item.contentId()).isEmpty();
            assertThat(item.source()).isEqualTo(AccessSource.SINGLE_PURCHASE);
            assertThat(item.startsAt()).isEqualTo(now);
            assertThat(item.endsAt()).contains(end);
            assertThat(item.blocked()).isFalse();
            assertThat(item.reference()).contains(purchased.id().value());
        });
        assertThat(plenigo.access().items(reader)).isEqualTo(purchased.items());
        AccessCheck read = content("article-1", premium).withCustomer(reader);
        assertGranted(check(read), SINGLE_PURCHASE, Optional.of(end));
        clock.set(end.minusSeconds(1));
        assertGranted(check(read), SINGLE_PURCHASE, Optional.of(end));
        clock.set(end);
        assertDenied(check(read), NO_ACCESS_RIGHT, List.of(offer), Optional.empty());
    }

    @Test
    void aSinglePurchaseWithoutAccessDurationGrantsForEver() {
        OfferId offer = singlePurchaseOffer("premium-for-ever", Optional.empty(), premium, epaper);

        PurchaseResult.Purchased purchased = purchased(plenigo.purchases().buy(reader, offer, newKey()));

        assertThat(purchased.items()).hasSize(2).allSatisfy(item -> {
            assertThat(item.source()).isEqualTo(AccessSource.SINGLE_PURCHASE);
            assertThat(item.endsAt()).isEmpty();
        }).extracting(AccessRightItem::accessRightId).containsExactlyInAnyOrder(Optional.of(premium),
                Optional.of(epaper));
        assertThat(charges(reader)).hasSize(1);
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SINGLE_PURCHASE, Optional.empty());
        clock.advance(Period.ofYears(20));
        assertGranted(check(content("article-1", epaper).withCustomer(reader)), SINGLE_PURCHASE, Optional.empty());
    }

    @Test
    void buyingAgainWithTheSameKeyReplaysThePurchaseWithoutASecondCharge() {
        OfferId offer = singlePurchaseOffer("premium-day-pass", Optional.of(Interval.days(1)), premium);
        IdempotencyKey key = key("checkout-1");
        PurchaseResult.Purchased first = purchased(plenigo.purchases().buy(reader, offer, key));
        clock.advance(Duration.ofMinutes(5));

        PurchaseResult again = plenigo.purchases().buy(reader, offer, key);

        assertThat(again).isEqualTo(new PurchaseResult.Replayed(first));
        assertThat(charges(reader)).hasSize(1);
        assertThat(plenigo.access().items(reader)).isEqualTo(first.items());
    }

    @Test
    void twoDayPassesBoughtApartAreCachedUntilTheLaterEnd() {
        OfferId offer = singlePurchaseOffer("premium-day-pass", Optional.of(Interval.days(1)), premium);
        purchased(plenigo.purchases().buy(reader, offer, newKey()));
        clock.advance(Duration.ofHours(12));

        PurchaseResult.Purchased second = purchased(plenigo.purchases().buy(reader, offer, newKey()));

        assertThat(second.items()).singleElement()
                .satisfies(item -> assertThat(item.endsAt()).contains(local("2025-01-16T22:00")));
        assertThat(charges(reader)).extracting(Charge::id).hasSize(2).doesNotHaveDuplicates();
        assertThat(plenigo.access().items(reader)).hasSize(2);
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SINGLE_PURCHASE,
                Optional.of(local("2025-01-16T22:00")));
    }

    @Test
    void aSinglePurchaseWhoseChargeFailsGrantsNothing() {
        OfferId offer = singlePurchaseOffer("premium-day-pass", Optional.of(Interval.days(1)), premium);

        PurchaseResult result = declining().purchases().buy(reader, offer, newKey());

        assertThat(result).isInstanceOfSatisfying(PurchaseResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.PAYMENT_FAILED);
            assertThat(refused.detail()).contains("card declined");
        });
        assertThat(plenigo.access().items(reader)).isEmpty();
        assertThat(charges(reader)).isEmpty();
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(offer),
                Optional.empty());
    }

    // ----- external grants -----

    @Test
    void anExternalGrantKeepsItsReferenceAndTheSameKeyReturnsTheSameItem() {
        Instant start = local("2025-01-01T00:00");
        Instant end = local("2026-01-01T00:00");
        GrantAccess request = GrantAccess.external(reader, premium, start, Optional.of(end), "print-4711",
                key("print-4711"));

        AccessRightItem item = plenigo.access().grant(request);

        assertThat(item.customerId()).isEqualTo(reader);
        assertThat(item.accessRightId()).contains(premium);
        assertThat(item.contentId()).isEmpty();
        assertThat(item.source()).isEqualTo(AccessSource.EXTERNAL);
        assertThat(item.startsAt()).isEqualTo(start);
        assertThat(item.endsAt()).contains(end);
        assertThat(item.blocked()).isFalse();
        assertThat(item.reference()).contains("print-4711");
        assertThat(plenigo.access().grant(request)).isEqualTo(item);
        assertThat(plenigo.access().items(reader)).containsExactly(item);
        assertThat(plenigo.access().findItem(item.id())).contains(item);
        assertGranted(check(content("article-1", premium).withCustomer(reader)), EXTERNAL, Optional.of(end));
    }

    @Test
    void revokingEndsAnItemNowAndRevokingAgainChangesNothing() {
        AccessRightItem item = grantExternal(reader, premium, clock.instant(), Optional.of(local("2025-06-01T00:00")));
        clock.advance(Duration.ofDays(3));
        Instant revokedAt = clock.instant();

        AccessRightItem revoked = plenigo.access().revoke(item.id());

        assertThat(revoked).isEqualTo(new AccessRightItem(item.id(), reader, item.accessRightId(), Optional.empty(),
                AccessSource.EXTERNAL, item.startsAt(), Optional.of(revokedAt), false, item.reference()));
        assertThat(plenigo.access().findItem(item.id())).contains(revoked);
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        clock.advance(Duration.ofDays(1));
        assertThat(plenigo.access().revoke(item.id())).isEqualTo(revoked);
    }

    @Test
    void revokingAnItemThatHasNotStartedEndsItAtItsStart() {
        Instant start = local("2025-02-01T00:00");
        AccessRightItem item = grantExternal(reader, premium, start, Optional.empty());

        AccessRightItem revoked = plenigo.access().revoke(item.id());

        assertThat(revoked.endsAt()).contains(start);
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        clock.set(start);
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
    }

    @Test
    void blockingAndUnblockingIsKeptOnTheItem() {
        AccessRightItem item = grantExternal(reader, premium, clock.instant(), Optional.empty());

        AccessRightItem blocked = plenigo.access().block(item.id());

        assertThat(blocked).isEqualTo(new AccessRightItem(item.id(), reader, item.accessRightId(), Optional.empty(),
                AccessSource.EXTERNAL, item.startsAt(), Optional.empty(), true, item.reference()));
        assertThat(plenigo.access().findItem(item.id())).contains(blocked);
        assertThat(plenigo.access().block(item.id())).isEqualTo(blocked);
        assertThat(plenigo.access().unblock(item.id())).isEqualTo(item);
        assertThat(plenigo.access().findItem(item.id())).contains(item);
    }

    @Test
    void blockingAndUnblockingACustomerIsKeptOnTheCustomer() {
        assertThat(plenigo.customers().block(reader).blocked()).isTrue();
        assertThat(plenigo.customers().block(reader).blocked()).isTrue();
        assertThat(plenigo.customers().find(reader).orElseThrow().blocked()).isTrue();
        assertThat(plenigo.customers().unblock(reader).blocked()).isFalse();
        assertThat(plenigo.customers().find(reader).orElseThrow().blocked()).isFalse();
    }

    @Test
    void aSubscriptionItemBlockedForNonPaymentDeniesWithAccessBlocked() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        AccessRightItem item = activate(reader, offer).items().get(0);

        plenigo.access().block(item.id());

        AccessDecision decision = check(content("article-1", premium).withCustomer(reader));
        assertThat(decision.reason()).isEqualTo(ACCESS_BLOCKED);
        assertThat(decision.granted()).isFalse();
        plenigo.access().unblock(item.id());
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SUBSCRIPTION, Optional.empty());
    }

    // ----- credit unlocks -----

    @Test
    void unlockingAnArticleSpendsItsCreditsAndGrantsExactlyThatArticleForEver() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        Instant now = clock.instant();

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, article42, List.of(), newKey()));

        assertThat(unlocked.credits()).isEqualTo(3);
        assertThat(unlocked.balance()).isEqualTo(7);
        assertThat(unlocked.topUps()).isEmpty();
        List<LedgerEntry> ledger = ledger(reader, articles);
        assertThat(ledger).extracting(LedgerEntry::type, LedgerEntry::credits).containsExactly(
                tuple(LedgerEntryType.GRANT, 10L), tuple(LedgerEntryType.CONSUMPTION, -3L));
        assertThat(unlocked.consumption()).isEqualTo(ledger.get(1).id());
        assertThat(unlocked.items()).singleElement().satisfies(item -> {
            assertThat(item.customerId()).isEqualTo(reader);
            assertThat(item.contentId()).contains(ContentId.of("article-42"));
            assertThat(item.accessRightId()).isEmpty();
            assertThat(item.source()).isEqualTo(AccessSource.CREDIT_UNLOCK);
            assertThat(item.startsAt()).isEqualTo(now);
            assertThat(item.endsAt()).isEmpty();
            assertThat(item.blocked()).isFalse();
            assertThat(item.reference()).contains("p-article-42");
        });
        assertThat(plenigo.access().items(reader)).isEqualTo(unlocked.items());
        assertThat(charges(reader)).isEmpty();
        assertGranted(check(content("article-42", premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertDenied(check(content("article-43", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        assertDenied(check(content("article-42", premium).withCustomer(customer("reader-2"))), NO_ACCESS_RIGHT,
                List.of(), Optional.empty());
        clock.advance(Period.ofYears(10));
        assertGranted(check(content("article-42", premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void unlockingWhatIsAlreadyHeldChargesNothingAndTheSameKeyReplays() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        UnlockResult.Unlocked first = unlocked(plenigo.access().unlock(reader, article42, List.of(), key("unlock-1")));

        UnlockResult again = plenigo.access().unlock(reader, article42, List.of(), key("unlock-2"));
        UnlockResult replayed = plenigo.access().unlock(reader, article42, List.of(), key("unlock-1"));

        assertThat(again).isEqualTo(new UnlockResult.AlreadyHeld(first.items()));
        assertThat(replayed).isEqualTo(new UnlockResult.Replayed(first));
        assertThat(balance(reader, articles)).isEqualTo(7);
        assertThat(ledger(reader, articles)).hasSize(2);
        assertThat(plenigo.access().items(reader)).isEqualTo(first.items());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void withTooFewCreditsNothingIsSpentOrGranted() {
        plenigo.wallets().grant(reader, articles, 2, "welcome", newKey());
        CustomerId withoutWallet = customer("reader-2");

        UnlockResult tooFew = plenigo.access().unlock(reader, article42, List.of(), newKey());
        UnlockResult none = plenigo.access().unlock(withoutWallet, article42, List.of(), newKey());

        assertThat(tooFew).isInstanceOfSatisfying(UnlockResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
            assertThat(refused.balance()).isEqualTo(2);
        });
        assertThat(none).isInstanceOfSatisfying(UnlockResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
            assertThat(refused.balance()).isZero();
        });
        assertThat(tooFew.grantedItems()).isEmpty();
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.GRANT);
        assertThat(plenigo.access().items(reader)).isEmpty();
        assertThat(plenigo.access().items(withoutWallet)).isEmpty();
        assertDenied(check(content("article-42", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void anAutomaticTopUpCoversAnUnlockThatNeedsMoreThanTheBalance() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        CreditProductId longread = plenigo.catalog().createCreditProduct(CreditProduct.article(
                CreditProductId.of("p-longread"), "Long read", articles, 7, ContentId.of("longread"))).id();

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, longread, List.of(), newKey()));

        assertThat(unlocked.credits()).isEqualTo(7);
        assertThat(unlocked.balance()).isEqualTo(3);
        List<LedgerEntry> ledger = ledger(reader, articles);
        assertThat(ledger).extracting(LedgerEntry::type, LedgerEntry::credits).containsExactly(
                tuple(LedgerEntryType.TOP_UP, 5L), tuple(LedgerEntryType.TOP_UP, 5L),
                tuple(LedgerEntryType.CONSUMPTION, -7L));
        assertThat(unlocked.topUps()).containsExactly(ledger.get(1).id());
        assertThat(unlocked.consumption()).isEqualTo(ledger.get(2).id());
        assertThat(charges(reader)).hasSize(2);
        assertGranted(check(content("longread", premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void anUnlockThatEmptiesAnAutomaticWalletRefillsIt() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, issue, List.of(), newKey()));

        assertThat(unlocked.credits()).isEqualTo(5);
        assertThat(unlocked.balance()).isEqualTo(5);
        assertThat(unlocked.topUps()).hasSize(1);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION,
                LedgerEntryType.TOP_UP);
        assertThat(charges(reader)).hasSize(2);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void anUnlockWhoseAutomaticTopUpChargeFailsIsRefusedAndGrantsNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        CreditProductId longread = plenigo.catalog().createCreditProduct(CreditProduct.article(
                CreditProductId.of("p-longread"), "Long read", articles, 7, ContentId.of("longread"))).id();

        UnlockResult result = declining().access().unlock(reader, longread, List.of(), newKey());

        assertThat(result).isInstanceOfSatisfying(UnlockResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.PAYMENT_FAILED);
            assertThat(refused.balance()).isEqualTo(5);
        });
        assertThat(plenigo.access().items(reader)).isEmpty();
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP);
        assertThat(charges(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void anUnlockedIssueOpensTheArticlesThatBelongToIt() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        AccessCheck article = content("article-7", premium).withPartOf(ContentId.of("issue-2025-03"))
                .withCustomer(reader);
        assertDenied(check(article), NO_ACCESS_RIGHT, List.of(), Optional.empty());

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, issue, List.of(), newKey()));

        assertThat(unlocked.items()).singleElement()
                .satisfies(item -> assertThat(item.contentId()).contains(ContentId.of("issue-2025-03")));
        assertGranted(check(article), CREDIT_UNLOCK, Optional.empty());
        assertGranted(check(content("issue-2025-03", premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertGranted(check(content("article-8", premium).withPartOf(ContentId.of("section-politics"),
                ContentId.of("issue-2025-03")).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        assertDenied(check(content("article-7", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        assertDenied(check(content("article-9", premium).withPartOf(ContentId.of("issue-2025-04"))
                .withCustomer(reader)), NO_ACCESS_RIGHT, List.of(), Optional.empty());
    }

    @Test
    void aWebinarSeriesGrantsExactlyThePickedSessions() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());

        UnlockResult.Unlocked unlocked = unlocked(plenigo.access().unlock(reader, webinar, sessions("s2", "s4"),
                newKey()));

        assertThat(unlocked.credits()).isEqualTo(4);
        assertThat(unlocked.balance()).isEqualTo(6);
        assertThat(unlocked.items()).hasSize(2).allSatisfy(item -> {
            assertThat(item.source()).isEqualTo(AccessSource.CREDIT_UNLOCK);
            assertThat(item.endsAt()).isEmpty();
            assertThat(item.reference()).contains("p-webinar");
        }).extracting(AccessRightItem::contentId).containsExactlyInAnyOrder(Optional.of(ContentId.of("s2")),
                Optional.of(ContentId.of("s4")));
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.GRANT, LedgerEntryType.CONSUMPTION);
        for (String session : List.of("s2", "s4")) {
            assertGranted(check(content(session, premium).withCustomer(reader)), CREDIT_UNLOCK, Optional.empty());
        }
        for (String session : List.of("s1", "s3", "s5")) {
            assertDenied(check(content(session, premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                    Optional.empty());
        }

        UnlockResult again = plenigo.access().unlock(reader, webinar, sessions("s4", "s2"), newKey());
        assertThat(again).isInstanceOf(UnlockResult.AlreadyHeld.class);
        assertThat(again.grantedItems().orElseThrow()).containsExactlyInAnyOrderElementsOf(unlocked.items());
        assertThat(balance(reader, articles)).isEqualTo(6);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aWebinarUnlockWithTheWrongPicksIsRefusedAndChargesNothing() {
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());

        assertInvalid(() -> plenigo.access().unlock(reader, webinar, sessions("s1"), newKey()), "picks");
        assertInvalid(() -> plenigo.access().unlock(reader, webinar, sessions("s1", "s2", "s3"), newKey()), "picks");
        assertInvalid(() -> plenigo.access().unlock(reader, webinar, List.of(), newKey()), "picks");
        assertInvalid(() -> plenigo.access().unlock(reader, webinar, sessions("s1", "s9"), newKey()), "s9");
        assertInvalid(() -> plenigo.access().unlock(reader, webinar, sessions("s1", "s1"), newKey()));

        assertThat(balance(reader, articles)).isEqualTo(10);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.GRANT);
        assertThat(plenigo.access().items(reader)).isEmpty();
    }

    // ----- billable users -----

    @Test
    void billableUsersAreTheCustomersWithAnItemOverlappingTheMonthInBerlinEachOnce() {
        Instant february = local("2025-02-01T00:00");
        Instant march = local("2025-03-01T00:00");
        holding("c-g", local("2025-02-10T00:00"), local("2025-02-11T00:00"), true);
        holding("c-a", local("2025-01-01T00:00"), null, false);
        holding("c-b", local("2025-01-01T00:00"), february, false);
        holding("c-c", march, null, false);
        holding("c-d", local("2025-01-20T00:00"), february.plusSeconds(1), false);
        holding("c-e", march.minusSeconds(1), march, false);
        CustomerId twice = holding("c-f", local("2025-02-03T00:00"), local("2025-02-04T00:00"), false);
        grantExternal(twice, epaper, local("2025-02-10T00:00"), Optional.of(local("2025-02-12T00:00")));
        holding("c-h", local("2025-01-02T00:00"), local("2025-01-03T00:00"), false);
        // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin, and vice versa at the end of February
        holding("c-i", local("2025-01-20T00:00"), Instant.parse("2025-01-31T23:30:00Z"), false);
        holding("c-j", Instant.parse("2025-02-28T23:30:00Z"), local("2025-03-02T00:00"), false);
        customer("c-k");

        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 2), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 2), 6, Optional.of(ids("c-a", "c-d", "c-e", "c-f", "c-g", "c-i"))));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 2), false)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 2), 6, Optional.empty()));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 1), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 1), 5, Optional.of(ids("c-a", "c-b", "c-d", "c-h", "c-i"))));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 3), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 3), 3, Optional.of(ids("c-a", "c-c", "c-j"))));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2024, 12), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2024, 12), 0, Optional.of(List.of())));
    }

    @Test
    void itemsOfEverySourceMakeACustomerBillable() {
        CustomerId subscriber = customer("c-subscriber");
        CustomerId buyer = customer("c-buyer");
        CustomerId unlocker = customer("c-unlocker");
        activate(subscriber, timeBasedOffer("digital", Interval.months(1), premium));
        plenigo.purchases().buy(buyer, singlePurchaseOffer("day-pass", Optional.of(Interval.days(1)), premium),
                newKey());
        plenigo.wallets().grant(unlocker, articles, 3, "welcome", newKey());
        unlocked(plenigo.access().unlock(unlocker, article42, List.of(), newKey()));

        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 1), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 1), 3, Optional.of(ids("c-buyer", "c-subscriber", "c-unlocker"))));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 2), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 2), 2, Optional.of(ids("c-subscriber", "c-unlocker"))));
    }

    // ----- helpers -----

    private AccessDecision check(AccessCheck check) {
        return plenigo.access().check(check);
    }

    private Plenigo declining() {
        return plenigoBuilder().charges(request -> new ChargeOutcome.Failed("card declined")).build();
    }

    /** A new customer holding one EXTERNAL premium item over {@code [from, to)} ({@code to} null: for ever). */
    private CustomerId holding(String id, Instant from, Instant to, boolean blocked) {
        CustomerId customer = customer(id);
        AccessRightItem item = grantExternal(customer, premium, from, Optional.ofNullable(to));
        if (blocked) {
            plenigo.access().block(item.id());
        }
        return customer;
    }

    private static List<CustomerId> ids(String... ids) {
        return Arrays.stream(ids).map(CustomerId::of).toList();
    }

    private static List<ContentId> sessions(String... ids) {
        return Arrays.stream(ids).map(ContentId::of).toList();
    }

    private static Instant at(LocalDateTime local) {
        return local.atZone(ZONE).toInstant();
    }

    private static PurchaseResult.Purchased purchased(PurchaseResult result) {
        assertThat(result).isInstanceOf(PurchaseResult.Purchased.class);
        return (PurchaseResult.Purchased) result;
    }

    private static UnlockResult.Unlocked unlocked(UnlockResult result) {
        assertThat(result).isInstanceOf(UnlockResult.Unlocked.class);
        return (UnlockResult.Unlocked) result;
    }
}
