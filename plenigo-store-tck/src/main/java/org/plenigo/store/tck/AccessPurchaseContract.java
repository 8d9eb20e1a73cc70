package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SINGLE_PURCHASE;
import static org.plenigo.core.access.AccessReason.SUBSCRIPTION;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.purchase.PurchaseResult;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * How readers buy access right items, on the store under test: time-based subscriptions (charged
 * per billing period, granted until the paid period ends, ended with it on cancellation) and single
 * purchases (for ever or for a calendar duration), each with the reason and {@code cacheUntil} its
 * item gives an access check.
 */
public abstract class AccessPurchaseContract extends AccessPurchaseFixtures {
    // ----- time-based subscriptions -----

    @Test
    void subscribingToATimeBasedOfferChargesTheFirstPeriodAndGrantsItsRightsUntilThePeriodEnds() {
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
            assertThat(charge.request().paysFor()).isEqualTo(ChargeReference.subscription(subscription.id().value()));
            assertThat(charge.request().at()).isEqualTo(now);
        });
        assertThat(activated.items()).hasSize(2).allSatisfy(item -> {
            assertThat(item.customerId()).isEqualTo(reader);
            assertThat(item.contentId()).isEmpty();
            assertThat(item.source()).isEqualTo(AccessSource.TIME_BASED_SUBSCRIPTION);
            assertThat(item.startsAt()).isEqualTo(now);
            assertThat(item.endsAt()).contains(local("2025-02-15T00:00"));
            assertThat(item.blocked()).isFalse();
            assertThat(item.reference()).contains(subscription.id().value());
        }).extracting(AccessRightItem::accessRightId).containsExactlyInAnyOrder(Optional.of(premium),
                Optional.of(epaper));
        assertThat(plenigo.access().items(reader)).containsExactlyInAnyOrderElementsOf(activated.items());
        assertThat(plenigo.subscriptions().findByCustomer(reader)).containsExactly(subscription);
        Optional<Instant> periodEnd = Optional.of(local("2025-02-15T00:00"));
        assertThat(subscription.paidUntil()).isEqualTo(periodEnd);
        assertThat(subscription.nextTopUpAt()).as("the next period is due when it starts").isEqualTo(periodEnd);
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SUBSCRIPTION, periodEnd);
        assertGranted(check(content("epaper-1", epaper).withCustomer(reader)), SUBSCRIPTION, periodEnd);
        clock.set(periodEnd.get());
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(offer),
                Optional.empty());
        plenigo.topUps().runDue();
        clock.advance(Period.ofDays(20));
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SUBSCRIPTION,
                Optional.of(local("2025-03-15T00:00")));
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

    @ParameterizedTest(name = "every {0} {1}, bought {2}, cancelled {3}: access until {4}, {5} period(s) charged")
    @CsvSource({
            "1, MONTH, 2025-01-31T10:00, 2025-02-10T09:00, 2025-02-28T00:00, 1",
            "1, MONTH, 2028-01-31T10:00, 2028-02-10T09:00, 2028-02-29T00:00, 1",
            "1, MONTH, 2025-01-31T10:00, 2025-03-05T12:00, 2025-03-31T00:00, 2",
            "1, MONTH, 2025-03-01T10:00, 2025-03-15T10:00, 2025-04-01T00:00, 1",
            "1, MONTH, 2025-10-01T10:00, 2025-10-20T10:00, 2025-11-01T00:00, 1",
            "1, WEEK,  2025-01-15T10:00, 2025-01-20T18:00, 2025-01-22T00:00, 1",
            "3, MONTH, 2025-01-15T10:00, 2025-02-20T10:00, 2025-04-15T00:00, 1",
            "1, YEAR,  2025-01-15T10:00, 2025-01-15T10:00, 2026-01-15T00:00, 1"})
    void cancellingEndsTheItemsAtTheEndOfThePaidBillingPeriod(int count, IntervalUnit unit, LocalDateTime bought,
                                                              LocalDateTime cancelled, LocalDateTime accessUntil,
                                                              int periods) {
        OfferId offer = timeBasedOffer("digital", Interval.of(count, unit), premium);
        clock.set(bought);
        SubscriptionResult.Activated activated = activate(reader, offer);
        clock.set(cancelled);
        plenigo.topUps().runDue();
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
        assertThat(plenigo.topUps().runDue().renewed()).as("a cancelled subscription renews no more").isZero();
        assertThat(chargedAmounts(reader)).hasSize(periods);
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
                .satisfies(item -> assertThat(item.endsAt()).contains(local("2025-02-15T00:00")));
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
            assertThat(charge.request().paysFor()).isEqualTo(ChargeReference.singlePurchase(purchased.id().value()));
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
        assertThat(charges(reader)).extracting(Payment::id).hasSize(2).doesNotHaveDuplicates();
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

    // ----- helpers -----

    private static PurchaseResult.Purchased purchased(PurchaseResult result) {
        assertThat(result).isInstanceOf(PurchaseResult.Purchased.class);
        return (PurchaseResult.Purchased) result;
    }
}
