package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SUBSCRIPTION;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.subscription.Cancellation;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionEvent;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;

/**
 * Cancelling time-based subscriptions on the store under test: regular cancellations by the
 * contract's term and cancellation period, each at its boundary day, the consumer notice rule, a
 * cancellation withdrawn before it takes effect, immediate cancellation with the unused part of the
 * paid period, the scheduler ending subscriptions without a further charge, and the payment method
 * for the next charges.
 */
public abstract class CancellationContract extends AccessPurchaseFixtures {
    /** Bought 15 January 2025 at 10:00: the initial term of three months ends on 15 April 2025 at 00:00. */
    private static final LocalDateTime BOUGHT = LocalDateTime.of(2025, 1, 15, 10, 0);

    /** A monthly-billed offer with a term of 3 months and a cancellation period of 1 month. */
    private OfferId termOffer(boolean consumerNotice) {
        ProductContractId contract = plenigo.catalog().createProductContract(ProductContract.timeBased(
                        ProductContractId.of("pc-term"), "Digital, 3 months", ACCESS_PRICE, TaxType.DIGITAL_NEWSPAPER,
                        Interval.months(1)).withTerm(Interval.months(3)).withCancellationPeriod(Interval.months(1))
                .withConsumerNotice(consumerNotice)).id();
        return plenigo.catalog().createOffer(Offer.timeBased(OfferId.of("digital-term"), "Digital", contract,
                Set.of(premium))).id();
    }

    private Subscription subscribe(OfferId offer) {
        clock.set(BOUGHT);
        return activate(reader, offer).subscription();
    }

    private Subscription reread(Subscription subscription) {
        return plenigo.subscriptions().find(subscription.id()).orElseThrow();
    }

    private AccessRightItem item() {
        return plenigo.access().items(reader).stream().filter(i -> i.accessRightId().equals(Optional.of(premium)))
                .findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "given {0}: ends {1}")
    @CsvSource({"2025-03-15T23:59, 2025-04-15T00:00", "2025-03-16T00:00, 2025-07-15T00:00"})
    void aRegularCancellationEndsTheTermWhenGivenInTimeOtherwiseTheNext(LocalDateTime given, LocalDateTime ends) {
        Subscription subscription = subscribe(termOffer(false));
        clock.set(given);

        Cancellation cancellation = plenigo.subscriptions().requestCancellation(subscription.id());

        assertThat(cancellation.takesEffectAt()).isEqualTo(at(ends));
        assertThat(cancellation.refund()).isEmpty();
        assertThat(cancellation.subscription().endsAt()).contains(at(ends));
        assertThat(cancellation.subscription().isActive()).isTrue();
        assertThat(reread(subscription)).isEqualTo(cancellation.subscription());
        assertThat(plenigo.subscriptions().requestCancellation(subscription.id()).takesEffectAt())
                .as("asked again").isEqualTo(at(ends));
        assertThat(events.ofType(SubscriptionEvent.CancellationRequested.class)).singleElement()
                .satisfies(e -> assertThat(e.takesEffectAt()).isEqualTo(at(ends)));
    }

    @ParameterizedTest(name = "given {0}: ends {1}")
    @CsvSource({"2025-03-15T12:00, 2025-04-15T00:00", "2025-03-16T12:00, 2025-04-16T00:00",
            "2025-06-20T12:00, 2025-07-20T00:00"})
    void aConsumerInGermanyCancelsAfterTheInitialTermWithOneMonthsNotice(LocalDateTime given, LocalDateTime ends) {
        Subscription subscription = subscribe(termOffer(true));
        clock.set(given);

        assertThat(plenigo.subscriptions().requestCancellation(subscription.id()).takesEffectAt())
                .isEqualTo(at(ends));
    }

    @Test
    void theSchedulerRenewsUntilTheCancellationTakesEffectThenEndsTheSubscriptionWithoutAFurtherCharge() {
        Subscription subscription = subscribe(termOffer(false));
        clock.set(LocalDateTime.of(2025, 3, 1, 9, 0));
        plenigo.subscriptions().requestCancellation(subscription.id());
        Instant end = local("2025-04-15T00:00");
        clock.set(LocalDateTime.of(2025, 5, 20, 9, 0));

        SchedulerRun run = plenigo.topUps().runDue();

        assertThat(run).isEqualTo(new SchedulerRun(0, 0, 0, 0, 2, 0, 1));
        Subscription ended = reread(subscription);
        assertThat(ended.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(ended.cancelledAt()).contains(end);
        assertThat(ended.endsAt()).isEmpty();
        assertThat(ended.nextTopUpAt()).isEmpty();
        assertThat(item().endsAt()).contains(end);
        assertThat(chargedAmounts(reader)).hasSize(3);
        assertThat(events.ofType(SubscriptionEvent.Ended.class)).singleElement().satisfies(e -> {
            assertThat(e.endedAt()).isEqualTo(end);
            assertThat(e.reason()).isEqualTo(SubscriptionEvent.EndReason.CANCELLED);
        });
        clock.set(LocalDateTime.of(2025, 9, 1, 9, 0));
        assertThat(plenigo.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0));
        assertThat(chargedAmounts(reader)).hasSize(3);
    }

    @Test
    void aConsumersCancellationInTheMiddleOfAPeriodEndsTheSubscriptionThatDay() {
        Subscription subscription = subscribe(termOffer(true));
        clock.set(LocalDateTime.of(2025, 5, 2, 9, 0));
        plenigo.topUps().runDue();
        Instant end = plenigo.subscriptions().requestCancellation(subscription.id()).takesEffectAt();
        assertThat(end).isEqualTo(local("2025-06-02T00:00"));

        clock.set(LocalDateTime.of(2025, 6, 1, 12, 0));
        assertThat(plenigo.topUps().runDue()).as("the period from 15 May starts before the end: charged in full")
                .isEqualTo(new SchedulerRun(0, 0, 0, 0, 1, 0, 0));
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SUBSCRIPTION,
                Optional.of(local("2025-06-15T00:00")));
        clock.set(end);
        assertThat(plenigo.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0, 0, 0, 1));
        assertThat(item().endsAt()).contains(end);
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT,
                List.of(OfferId.of("digital-term")), Optional.empty());
        assertThat(chargedAmounts(reader)).hasSize(5);
    }

    @Test
    void aCancellationWithdrawnBeforeItTakesEffectLetsTheSubscriptionRenewOn() {
        Subscription subscription = subscribe(termOffer(false));
        clock.set(LocalDateTime.of(2025, 3, 1, 9, 0));
        plenigo.subscriptions().requestCancellation(subscription.id());
        clock.set(LocalDateTime.of(2025, 4, 14, 23, 59, 59));

        Subscription withdrawn = plenigo.subscriptions().withdrawCancellation(subscription.id());

        assertThat(withdrawn.endsAt()).isEmpty();
        assertThat(withdrawn.nextTopUpAt()).as("no scheduler ran since February").contains(local("2025-02-15T00:00"));
        assertThat(events.ofType(SubscriptionEvent.CancellationWithdrawn.class)).hasSize(1);
        assertRefused(() -> plenigo.subscriptions().withdrawCancellation(subscription.id()), ConflictException.class,
                ErrorCode.INVALID_STATE, "no cancellation pending");
        clock.set(LocalDateTime.of(2025, 5, 20, 9, 0));
        assertThat(plenigo.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0, 4, 0, 0));
        assertThat(reread(subscription).isActive()).isTrue();
        assertThat(item().endsAt()).contains(local("2025-06-15T00:00"));
    }

    @Test
    void aCancellationCannotBeWithdrawnOnceItsInstantHasCome() {
        Subscription subscription = subscribe(termOffer(false));
        clock.set(LocalDateTime.of(2025, 3, 1, 9, 0));
        plenigo.subscriptions().requestCancellation(subscription.id());
        clock.set(LocalDateTime.of(2025, 4, 15, 0, 0));

        assertRefused(() -> plenigo.subscriptions().withdrawCancellation(subscription.id()), ConflictException.class,
                ErrorCode.INVALID_STATE, "ended at");
        plenigo.topUps().runDue();
        assertThat(reread(subscription).status()).isEqualTo(SubscriptionStatus.CANCELLED);
    }

    @Test
    void anImmediateCancellationEndsAccessNowAndAnswersTheUnusedPartOfThePaidPeriod() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        Subscription subscription = subscribe(offer);
        clock.set(LocalDateTime.of(2025, 1, 25, 12, 0));
        Instant now = clock.instant();

        Cancellation cancellation = plenigo.subscriptions().cancelImmediately(subscription.id(), true, key("cancel-1"));

        assertThat(cancellation.takesEffectAt()).isEqualTo(now);
        // paid 15 January to 14 February (31 days); 26 January to 14 February unused: 20 days, 9.90 * 20 / 31
        assertThat(cancellation.refund()).contains(new Cancellation.Refund(20, 31, Money.of("6.39", "EUR")));
        assertThat(cancellation.subscription().status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(cancellation.subscription().cancelledAt()).contains(now);
        assertThat(item().endsAt()).contains(now);
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(offer),
                Optional.empty());
        assertThat(plenigo.subscriptions().cancelImmediately(subscription.id(), true, key("cancel-1")))
                .as("replayed").isEqualTo(cancellation);
        assertRefused(() -> plenigo.subscriptions().cancelImmediately(subscription.id(), false, key("cancel-2")),
                ConflictException.class, ErrorCode.INVALID_STATE, "cancelled");
        assertThat(events.ofType(SubscriptionEvent.Ended.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(SubscriptionEvent.EndReason.CANCELLED_IMMEDIATELY));
        clock.set(LocalDateTime.of(2025, 4, 1, 9, 0));
        assertThat(plenigo.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0));
        assertThat(chargedAmounts(reader)).hasSize(1);
    }

    @Test
    void anImmediateCancellationWithoutRefundAnswersNone() {
        Subscription subscription = subscribe(timeBasedOffer("digital", Interval.months(1), premium));
        clock.set(LocalDateTime.of(2025, 2, 1, 12, 0));

        Cancellation cancellation = plenigo.subscriptions().cancelImmediately(subscription.id(), false, newKey());

        assertThat(cancellation.refund()).isEmpty();
        assertThat(cancellation.takesEffectAt()).isEqualTo(clock.instant());
    }

    @Test
    void aPendingCancellationOfASubscriptionWithAnUnpaidPeriodStillTakesEffect() {
        Subscription subscription = subscribe(termOffer(false));
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();
        clock.set(LocalDateTime.of(2025, 2, 20, 9, 0));
        declining.topUps().runDue();
        Cancellation cancellation = plenigo.subscriptions().requestCancellation(subscription.id());
        assertThat(cancellation.takesEffectAt()).isEqualTo(local("2025-04-15T00:00"));
        assertThat(cancellation.subscription().nextTopUpAt()).as("the next retry")
                .contains(local("2025-02-22T00:00"));

        clock.set(LocalDateTime.of(2025, 4, 15, 0, 0));
        assertThat(declining.topUps().runDue()).as("the last retry, then the end of dunning comes first")
                .isEqualTo(new SchedulerRun(0, 0, 0, 0, 0, 1, 1));
        assertThat(reread(subscription).status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(chargedAmounts(reader)).hasSize(1);
    }

    @Test
    void aCancellationWithdrawnWhileAPeriodIsUnpaidKeepsTheRetrySchedule() {
        Subscription subscription = subscribe(termOffer(false));
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();
        clock.set(LocalDateTime.of(2025, 2, 15, 9, 0));
        declining.topUps().runDue();
        plenigo.subscriptions().requestCancellation(subscription.id());

        Subscription withdrawn = plenigo.subscriptions().withdrawCancellation(subscription.id());

        assertThat(withdrawn.nextTopUpAt()).as("the first retry").contains(local("2025-02-16T00:00"));
        clock.set(LocalDateTime.of(2025, 2, 16, 9, 0));
        assertThat(plenigo.topUps().runDue()).isEqualTo(new SchedulerRun(0, 0, 0, 0, 1, 0, 0));
        assertThat(reread(subscription).unpaidSince()).isEmpty();
        assertThat(chargedAmounts(reader)).hasSize(2);
    }

    @Test
    void onlyAnActiveTimeBasedSubscriptionIsCancelledByItsTerms() {
        Subscription usage = plenigo.subscriptions().subscribe(reader, usageOffer("monthly-5", articles, 5,
                TopUpPlan.every(Interval.months(1))), newKey()).created().orElseThrow().subscription();

        assertRefused(() -> plenigo.subscriptions().requestCancellation(usage.id()), ConflictException.class,
                ErrorCode.INVALID_STATE, "usage-based");
        assertRefused(() -> plenigo.subscriptions().cancelImmediately(usage.id(), true, newKey()),
                ConflictException.class, ErrorCode.INVALID_STATE, "usage-based");
    }

    @Test
    void aNewPaymentMethodIsKeptForTheNextChargesAndThroughRenewals() {
        Subscription subscription = subscribe(timeBasedOffer("digital", Interval.months(1), premium));
        PaymentMethod card = plenigo.paymentMethods().add(reader,
                new PaymentMethodDetails.CreditCard("tok_card", "VISA", "4242", 2, 2028), false, key("card-1"));
        CustomerId other = plenigo.customers().register(Customer.of(CustomerId.of("other"), "o@example.org", "O",
                "DE")).id();
        PaymentMethod othersCard = plenigo.paymentMethods().add(other,
                new PaymentMethodDetails.CreditCard("tok_other", "VISA", "1111", 2, 2028), false, key("card-2"));

        Subscription changed = plenigo.subscriptions().changePaymentMethod(subscription.id(), card.id());

        assertThat(changed.paymentMethodId()).contains(card.id());
        assertThat(events.ofType(SubscriptionEvent.PaymentMethodChanged.class)).hasSize(1);
        assertRefused(() -> plenigo.subscriptions().changePaymentMethod(subscription.id(), othersCard.id()),
                ConflictException.class, ErrorCode.INVALID_STATE, "is not one of customer");
        clock.set(LocalDateTime.of(2025, 3, 20, 9, 0));
        assertThat(plenigo.topUps().runDue().renewed()).isEqualTo(2);
        assertThat(reread(subscription).paymentMethodId()).contains(card.id());
    }
}
