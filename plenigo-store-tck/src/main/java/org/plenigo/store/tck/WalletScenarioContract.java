package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Charge;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.Charges;
import org.plenigo.core.charge.RecordingCharges;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CreditsAdded;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.Refusal;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.wallet.WalletEvent;

/**
 * The usage-based subscriptions of the product, run end to end on the store under test: the three
 * examples of the German product text word for word, then each rule of the three top-up
 * strategies (automatic with charge failures and its limit, external, time-based on the calendar
 * of Europe/Berlin with catch-up and cancellation), grants, idempotency, credit validity, shared
 * customer wallets and event publication. Every test ends by checking that the balance equals the
 * sum of the ledger and never went below zero.
 */
public abstract class WalletScenarioContract extends StoreContractSupport {
    private static final Money PRICE = Money.of("4.99", "EUR");

    private CustomerId reader;
    private WalletId articles;

    @BeforeEach
    void createReaderAndWallet() {
        reader = customer("reader-1");
        articles = wallet("article-credits");
    }

    // ----- the three examples of the product text -----

    @DisplayName("automatische Aufladung: Der Kunde hat 5 Credits. Er verbraucht innerhalb von 5 Tage/5 Monaten/"
            + "5 Jahren diese 5 Credits. Sobald sie aufgebraucht sind, bekommt der Kunde erneut 5 Credits.")
    @ParameterizedTest(name = "used within 5 {0}")
    @CsvSource({"days, P1D", "months, P1M", "years, P1Y"})
    void automaticTopUpGivesTheCustomer5CreditsAgainAsSoonAsThe5AreUsedUp(String unit, Period step) {
        Subscription subscription = subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        assertThat(balance(reader, articles)).isEqualTo(5);

        for (int used = 1; used <= 4; used++) {
            clock.advance(step);
            ConsumptionResult.Consumed consumed = consumed(consume(reader, articles, 1));
            assertThat(consumed.balance()).isEqualTo(5 - used);
            assertThat(consumed.topUps()).as("no top-up while credits are left").isEmpty();
        }
        clock.advance(step);
        ConsumptionResult.Consumed last = consumed(consume(reader, articles, 1));

        assertThat(last.balance()).isEqualTo(5);
        assertThat(last.topUps()).hasSize(1);
        assertThat(balance(reader, articles)).isEqualTo(5);
        List<LedgerEntry> ledger = ledger(reader, articles);
        assertThat(ledger).extracting(LedgerEntry::type).containsExactly(LedgerEntryType.TOP_UP,
                LedgerEntryType.CONSUMPTION, LedgerEntryType.CONSUMPTION, LedgerEntryType.CONSUMPTION,
                LedgerEntryType.CONSUMPTION, LedgerEntryType.CONSUMPTION, LedgerEntryType.TOP_UP);
        assertThat(ledger).extracting(LedgerEntry::credits).containsExactly(5L, -1L, -1L, -1L, -1L, -1L, 5L);
        LedgerEntry refill = ledger.get(6);
        assertThat(refill.id()).isEqualTo(last.topUps().get(0));
        assertThat(refill.at()).isEqualTo(clock.instant());
        assertThat(refill.subscriptionId()).contains(subscription.id());
        assertThat(charges(reader)).hasSize(2).allSatisfy(charge -> {
            assertThat(charge.request().amount()).isEqualTo(PRICE);
            assertThat(charge.request().subscriptionId()).contains(subscription.id());
        });
        assertWalletConsistent(reader, articles);
    }

    @Test
    @DisplayName("externe Aufladung: Die Aufladung der Credits werden durch ein externes Event bzw. eine manuelle "
            + "Wallet-Aktion ausgelöst. Die Aufladung erfolgt dabei via API-Abruf.")
    void externalTopUpIsTriggeredByAnExternalEventOrAManualWalletActionViaApiCall() {
        Subscription subscription = subscribe(reader, usageOffer("external-5", articles, 5, TopUpPlan.external()));
        assertThat(consumed(consume(reader, articles, 5)).topUps()).as("no automatic refill").isEmpty();
        clock.advance(Period.ofYears(1));
        assertThat(plenigo.topUps().runDue().toppedUp()).as("no scheduled top-up").isZero();
        assertThat(balance(reader, articles)).isZero();
        assertThat(refused(consume(reader, articles, 1)).reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);

        TopUpResult byEvent = plenigo.wallets().topUp(subscription.id(), key("crm-event-4711"));
        assertThat(byEvent).isInstanceOfSatisfying(TopUpResult.ToppedUp.class, t -> {
            assertThat(t.credits()).isEqualTo(5);
            assertThat(t.balance()).isEqualTo(5);
        });
        TopUpResult byOperator = plenigo.wallets().topUp(subscription.id(), key("wallet-action-1"));
        assertThat(byOperator).isInstanceOfSatisfying(TopUpResult.ToppedUp.class,
                t -> assertThat(t.balance()).isEqualTo(10));

        assertThat(balance(reader, articles)).isEqualTo(10);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP,
                LedgerEntryType.CONSUMPTION, LedgerEntryType.TOP_UP, LedgerEntryType.TOP_UP);
        assertThat(ledger(reader, articles).get(2).id()).isEqualTo(((TopUpResult.ToppedUp) byEvent).entryId());
        assertThat(charges(reader)).hasSize(3);
        assertWalletConsistent(reader, articles);
    }

    @Test
    @DisplayName("zeitbasierte Aufladung: Ein Kunde kauft am 01.05. das Abonnement, das jeden Monat 5 Credits "
            + "beinhaltet. Am 01.06. hat der Kunde nur 1 Credit verbraucht. Am 01.06. werden wieder 5 Credits "
            + "aufgeladen. Der Kunde hat jetzt insgesamt 9 Credits.")
    void timeBasedTopUpBoughtOn1MayWith5CreditsAMonthHas9On1JuneAfterUsing1() {
        clock.set(LocalDateTime.of(2025, 5, 1, 10, 0));
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        clock.set(LocalDateTime.of(2025, 5, 20, 18, 30));
        consumed(consume(reader, articles, 1));
        clock.set(LocalDateTime.of(2025, 5, 31, 23, 59));
        assertThat(plenigo.topUps().runDue().toppedUp()).isZero();
        assertThat(balance(reader, articles)).as("the unused credits do not expire").isEqualTo(4);

        clock.set(LocalDateTime.of(2025, 6, 1, 10, 0));
        assertThat(plenigo.topUps().runDue().toppedUp()).isEqualTo(1);

        assertThat(balance(reader, articles)).isEqualTo(9);
        List<LedgerEntry> ledger = ledger(reader, articles);
        assertThat(ledger).extracting(LedgerEntry::type).containsExactly(LedgerEntryType.TOP_UP,
                LedgerEntryType.CONSUMPTION, LedgerEntryType.TOP_UP);
        assertThat(ledger).extracting(LedgerEntry::at).containsExactly(local("2025-05-01T10:00"),
                local("2025-05-20T18:30"), local("2025-06-01T10:00"));
        assertThat(ledger.get(2).balanceAfter()).isEqualTo(9);
        assertThat(ledger.get(2).subscriptionId()).contains(subscription.id());
        assertThat(charges(reader)).hasSize(2);
        assertWalletConsistent(reader, articles);
    }

    // ----- AUTOMATIC -----

    @Test
    void automaticConsumptionNeedingMoreThanTheBalanceTopsUpAsOftenAsNeededThenConsumes() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));

        ConsumptionResult.Consumed consumed = consumed(consume(reader, articles, 12));

        assertThat(consumed.credits()).isEqualTo(12);
        assertThat(consumed.balance()).isEqualTo(3);
        assertThat(consumed.topUps()).hasSize(2);
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::type, LedgerEntry::credits).containsExactly(
                tuple(LedgerEntryType.TOP_UP, 5L), tuple(LedgerEntryType.TOP_UP, 5L),
                tuple(LedgerEntryType.TOP_UP, 5L), tuple(LedgerEntryType.CONSUMPTION, -12L));
        assertThat(charges(reader)).hasSize(3);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void automaticConsumptionThatLeavesZeroAfterItsTopUpsIsRefilledOnceMore() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));

        ConsumptionResult.Consumed consumed = consumed(consume(reader, articles, 15));

        assertThat(consumed.topUps()).as("two to cover it, one refill after it").hasSize(3);
        assertThat(consumed.balance()).isEqualTo(5);
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.TOP_UP,
                LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION, LedgerEntryType.TOP_UP);
        assertThat(charges(reader)).hasSize(4);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void automaticTopUpWhoseChargeFailsRefusesWithPaymentFailedAndChangesNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        consumed(consume(reader, articles, 3));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        List<Charge> chargesBefore = charges(reader);
        EventPublisher publisher = mock(EventPublisher.class);
        Plenigo declining = plenigoBuilder().eventPublisher(publisher)
                .charges(request -> new ChargeOutcome.Failed("card declined")).build();

        ConsumptionResult result = declining.wallets().consume(
                ConsumeCredits.of(reader, articles, 4, "article-2", newKey()));

        ConsumptionResult.Refused refused = refused(result);
        assertThat(refused.reason()).isEqualTo(Refusal.PAYMENT_FAILED);
        assertThat(refused.balance()).isEqualTo(2);
        assertThat(refused.detail()).contains("card declined");
        assertThat(balance(reader, articles)).isEqualTo(2);
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).isEqualTo(chargesBefore);
        verify(publisher).publish(any(WalletEvent.TopUpFailed.class));
        verify(publisher, never()).publish(any(WalletEvent.CreditsConsumed.class));
        verify(publisher, never()).publish(any(WalletEvent.CreditsToppedUp.class));
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aFailingSecondTopUpRollsBackTheFirstTopUpAndItsCharge() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        AtomicInteger calls = new AtomicInteger();
        Charges recording = new RecordingCharges(store.charges());
        Plenigo secondFails = plenigoBuilder().charges(request -> calls.incrementAndGet() == 1
                ? recording.charge(request) : new ChargeOutcome.Failed("card declined")).build();
        events.clear();

        ConsumptionResult result = secondFails.wallets().consume(
                ConsumeCredits.of(reader, articles, 12, "issue-7", newKey()));

        assertThat(refused(result).reason()).isEqualTo(Refusal.PAYMENT_FAILED);
        assertThat(calls).hasValue(2);
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).as("the first charge was rolled back with its top-up").hasSize(1);
        assertThat(events.ofType(WalletEvent.CreditsToppedUp.class)).isEmpty();
        assertThat(events.ofType(WalletEvent.CreditsConsumed.class)).isEmpty();
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aFailedRefillLeavesTheConsumptionStandingAndTheWalletEmpty() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        Plenigo declining = plenigoBuilder().charges(request -> new ChargeOutcome.Failed("card declined")).build();
        events.clear();

        ConsumptionResult.Consumed consumed = consumed(declining.wallets().consume(
                ConsumeCredits.of(reader, articles, 5, "article-3", newKey())));

        assertThat(consumed.balance()).isZero();
        assertThat(consumed.topUps()).isEmpty();
        assertThat(ledgerTypes(reader, articles)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION);
        assertThat(charges(reader)).hasSize(1);
        assertThat(events.events()).hasExactlyElementsOfTypes(WalletEvent.CreditsConsumed.class,
                WalletEvent.TopUpFailed.class, WalletEvent.WalletDepleted.class);
        assertThat(events.ofType(WalletEvent.TopUpFailed.class).get(0).reason()).isEqualTo(Refusal.PAYMENT_FAILED);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void automaticTopUpsAreLimitedTo3PerSubscriptionWithin10Minutes() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        for (int i = 1; i <= 3; i++) {
            assertThat(consumed(consume(reader, articles, 5)).topUps()).as("refill %d", i).hasSize(1);
        }
        events.clear();

        ConsumptionResult.Consumed fourth = consumed(consume(reader, articles, 5));
        assertThat(fourth.topUps()).as("the fourth refill is over the limit").isEmpty();
        assertThat(fourth.balance()).isZero();
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).isEqualTo(Refusal.TOP_UP_LIMIT_REACHED));

        clock.advance(Duration.ofMinutes(9));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        ConsumptionResult.Refused refused = refused(consume(reader, articles, 1));
        assertThat(refused.reason()).isEqualTo(Refusal.TOP_UP_LIMIT_REACHED);
        assertThat(refused.balance()).isZero();
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).hasSize(4);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        ConsumptionResult.Consumed afterTheWindow = consumed(consume(reader, articles, 1));
        assertThat(afterTheWindow.topUps()).hasSize(1);
        assertThat(afterTheWindow.balance()).isEqualTo(4);
        assertThat(charges(reader)).hasSize(5);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aConsumptionNeedingMoreTopUpsThanTheLimitAllowsIsRefusedAndChangesNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);

        ConsumptionResult.Refused refused = refused(consume(reader, articles, 25));

        assertThat(refused.reason()).isEqualTo(Refusal.TOP_UP_LIMIT_REACHED);
        assertThat(refused.balance()).isEqualTo(5);
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void cancellingAnAutomaticSubscriptionStopsItsRefillsWhileItsCreditsStayUsable() {
        Subscription subscription = subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        plenigo.subscriptions().cancel(subscription.id());

        ConsumptionResult.Consumed consumed = consumed(consume(reader, articles, 5));

        assertThat(consumed.topUps()).isEmpty();
        assertThat(consumed.balance()).isZero();
        assertThat(refused(consume(reader, articles, 1)).reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
        assertThat(charges(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aConsumptionNeedingManyTopUpsUnderARaisedLimitIsAppliedAndReplayed() {
        Plenigo raised = plenigoBuilder().automaticTopUpLimit(new AutomaticTopUpLimit(100, Duration.ofMinutes(10)))
                .build();
        subscribe(reader, usageOffer("automatic-1", articles, 1, TopUpPlan.automatic()));
        ConsumeCredits request = ConsumeCredits.of(reader, articles, 60, "webinar-series", key("book-series"));

        ConsumptionResult.Consumed consumed = consumed(raised.wallets().consume(request));

        assertThat(consumed.topUps()).as("59 to cover it, one refill after it").hasSize(60);
        assertThat(consumed.balance()).isEqualTo(1);
        assertThat(raised.wallets().consume(request)).isEqualTo(new ConsumptionResult.Replayed(consumed));
        assertThat(charges(reader)).hasSize(61);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void subscribingSucceedsForAnOfferWithTheLongestAllowedTitle() {
        String title = "Premium-Digitalabo mit allen Artikeln, E-Paper und Archiv ".repeat(4).substring(0, 200);
        OfferId offer = plenigo.catalog().createOffer(Offer.usageBased(OfferId.of("long-title"), title,
                creditContract("long-title-contract", 5), articles, TopUpPlan.automatic())).id();

        SubscriptionResult result = plenigo.subscriptions().subscribe(reader, offer, newKey());

        assertThat(result).isInstanceOf(SubscriptionResult.Subscribed.class);
        assertThat(consumed(consume(reader, articles, 5)).topUps()).hasSize(1);
        assertThat(charges(reader)).hasSize(2).allSatisfy(charge ->
                assertThat(charge.request().description()).startsWith("5 credits: Premium-Digitalabo"));
        assertWalletConsistent(reader, articles);
    }

    // ----- EXTERNAL -----

    @Test
    void externalTopUpOfAnAutomaticOrTimeBasedSubscriptionIsAnInvalidState() {
        Subscription automatic = subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        Subscription monthly = subscribe(reader, usageOffer("monthly-5", articles, 5,
                TopUpPlan.every(Interval.months(1))));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);

        for (Subscription subscription : List.of(automatic, monthly)) {
            IdempotencyKey key = newKey();
            assertThatThrownBy(() -> plenigo.wallets().topUp(subscription.id(), key))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                    .hasMessageContaining(subscription.id().value())
                    .hasMessageContaining(subscription.topUpType().orElseThrow().name());
            assertThat(tx(() -> store.idempotency().find(key))).isEmpty();
        }
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(charges(reader)).hasSize(2);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void externalTopUpOfACancelledSubscriptionIsAnInvalidState() {
        Subscription subscription = subscribe(reader, usageOffer("external-5", articles, 5, TopUpPlan.external()));
        plenigo.subscriptions().cancel(subscription.id());

        assertThatThrownBy(() -> plenigo.wallets().topUp(subscription.id(), newKey()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining(subscription.id().value());
        assertThat(balance(reader, articles)).isEqualTo(5);
        assertThat(charges(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void externalTopUpWhoseChargeFailsAddsNothingAndCanBeRetriedUnderTheSameKey() {
        Subscription subscription = subscribe(reader, usageOffer("external-5", articles, 5, TopUpPlan.external()));
        Plenigo declining = plenigoBuilder().charges(request -> new ChargeOutcome.Failed("card declined")).build();
        IdempotencyKey key = key("crm-event-4712");

        TopUpResult failed = declining.wallets().topUp(subscription.id(), key);

        assertThat(failed).isInstanceOfSatisfying(TopUpResult.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Refusal.PAYMENT_FAILED);
            assertThat(r.detail()).contains("card declined");
        });
        assertThat(balance(reader, articles)).isEqualTo(5);
        assertThat(charges(reader)).hasSize(1);
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).hasSize(1);

        assertThat(plenigo.wallets().topUp(subscription.id(), key)).isInstanceOf(TopUpResult.ToppedUp.class);
        assertThat(balance(reader, articles)).isEqualTo(10);
        assertWalletConsistent(reader, articles);
    }

    // ----- grants -----

    @Test
    void grantAddsCreditsWithoutACharge() {
        CreditsAdded added = plenigo.wallets().grant(reader, articles, 7, "goodwill", key("grant-1"));

        assertThat(added.credits()).isEqualTo(7);
        assertThat(added.balance()).isEqualTo(7);
        assertThat(added.replayed()).isFalse();
        assertThat(balance(reader, articles)).isEqualTo(7);
        assertThat(ledger(reader, articles)).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(added.entryId());
            assertThat(entry.type()).isEqualTo(LedgerEntryType.GRANT);
            assertThat(entry.credits()).isEqualTo(7);
            assertThat(entry.subscriptionId()).isEmpty();
            assertThat(entry.reference()).contains("goodwill");
        });
        assertThat(charges(reader)).isEmpty();
        assertThat(events.ofType(WalletEvent.CreditsGranted.class)).singleElement()
                .satisfies(granted -> assertThat(granted.entryId()).isEqualTo(added.entryId()));
        assertWalletConsistent(reader, articles);
    }

    // ----- idempotency -----

    @Test
    void aReplayedConsumptionReturnsTheFirstResultAndChangesNothing() {
        subscribe(reader, usageOffer("automatic-5", articles, 5, TopUpPlan.automatic()));
        ConsumeCredits request = ConsumeCredits.of(reader, articles, 5, "article-9", key("read-article-9"));
        ConsumptionResult.Consumed first = consumed(plenigo.wallets().consume(request));
        List<LedgerEntry> ledgerAfterFirst = ledger(reader, articles);
        events.clear();

        clock.advance(Duration.ofMinutes(1));
        ConsumptionResult again = plenigo.wallets().consume(request);

        assertThat(again).isEqualTo(new ConsumptionResult.Replayed(first));
        assertThat(ledger(reader, articles)).isEqualTo(ledgerAfterFirst);
        assertThat(charges(reader)).hasSize(2);
        assertThat(events.events()).isEmpty();
        assertWalletConsistent(reader, articles);
    }

    @Test
    void replayedSubscribeTopUpAndGrantReturnTheFirstResultAndChangeNothing() {
        OfferId offer = usageOffer("external-5", articles, 5, TopUpPlan.external());
        SubscriptionResult first = plenigo.subscriptions().subscribe(reader, offer, key("order-1"));
        assertThat(first).isInstanceOf(SubscriptionResult.Subscribed.class);
        Subscription subscription = ((SubscriptionResult.Subscribed) first).subscription();
        TopUpResult topUp = plenigo.wallets().topUp(subscription.id(), key("event-1"));
        CreditsAdded grant = plenigo.wallets().grant(reader, articles, 2, "apology", key("grant-1"));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);
        events.clear();

        assertThat(plenigo.subscriptions().subscribe(reader, offer, key("order-1")))
                .isEqualTo(new SubscriptionResult.Replayed((SubscriptionResult.Subscribed) first));
        assertThat(plenigo.wallets().topUp(subscription.id(), key("event-1")))
                .isEqualTo(new TopUpResult.Replayed((TopUpResult.ToppedUp) topUp));
        assertThat(plenigo.wallets().grant(reader, articles, 2, "apology", key("grant-1")))
                .isEqualTo(new CreditsAdded(grant.entryId(), 2, grant.balance(), true));

        assertThat(plenigo.subscriptions().findByCustomer(reader)).containsExactly(subscription);
        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(balance(reader, articles)).isEqualTo(12);
        assertThat(charges(reader)).hasSize(2);
        assertThat(events.events()).isEmpty();
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aKeyReusedWithOtherContentIsRefusedAndChangesNothing() {
        OfferId offer = usageOffer("external-5", articles, 5, TopUpPlan.external());
        subscribe(reader, offer);
        IdempotencyKey key = key("reused-key");
        consumed(plenigo.wallets().consume(ConsumeCredits.of(reader, articles, 3, "article-1", key)));
        List<LedgerEntry> ledgerBefore = ledger(reader, articles);

        List<Runnable> reuses = List.of(
                () -> plenigo.wallets().consume(ConsumeCredits.of(reader, articles, 2, "article-1", key)),
                () -> plenigo.wallets().consume(ConsumeCredits.of(reader, articles, 3, "article-2", key)),
                () -> plenigo.wallets().grant(reader, articles, 3, "goodwill", key),
                () -> plenigo.subscriptions().subscribe(reader, offer, key));
        for (Runnable reuse : reuses) {
            assertThatThrownBy(reuse::run).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED))
                    .hasMessageContaining("reused-key");
        }

        assertThat(ledger(reader, articles)).isEqualTo(ledgerBefore);
        assertThat(balance(reader, articles)).isEqualTo(2);
        assertThat(plenigo.subscriptions().findByCustomer(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aRefusedConsumptionIsNotRecordedUnderItsKey() {
        Subscription subscription = subscribe(reader, usageOffer("external-5", articles, 5, TopUpPlan.external()));
        ConsumeCredits request = ConsumeCredits.of(reader, articles, 8, "webinar-3", key("book-webinar-3"));
        assertThat(refused(plenigo.wallets().consume(request)).reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);

        plenigo.wallets().topUp(subscription.id(), newKey());

        assertThat(plenigo.wallets().consume(request)).isInstanceOfSatisfying(ConsumptionResult.Consumed.class,
                c -> assertThat(c.balance()).isEqualTo(2));
        assertWalletConsistent(reader, articles);
    }

    // ----- TIME_BASED -----

    @ParameterizedTest(name = "bought 31 January {0}")
    @CsvSource({"2024, 29", "2025, 28"})
    void monthlyTopUpsFrom31JanuaryFollowTheCalendarAndAreDatedAtTheirOwnBoundary(int year, int lastOfFebruary) {
        clock.set(LocalDateTime.of(year, 1, 31, 10, 0));
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        List<Instant> boundaries = List.of(local(year + "-02-" + lastOfFebruary + "T10:00"),
                local(year + "-03-31T10:00"), local(year + "-04-30T10:00"));
        assertThat(subscription.nextTopUpAt()).contains(boundaries.get(0));

        for (Instant boundary : boundaries) {
            clock.set(boundary.minusSeconds(1));
            assertThat(plenigo.topUps().runDue().toppedUp()).as("just before %s", boundary).isZero();
            clock.set(boundary);
            assertThat(plenigo.topUps().runDue().toppedUp()).as("at %s", boundary).isEqualTo(1);
        }

        List<Instant> expected = List.of(local(year + "-01-31T10:00"), boundaries.get(0), boundaries.get(1),
                boundaries.get(2));
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::at).containsExactlyElementsOf(expected);
        assertThat(charges(reader)).extracting(c -> c.request().at()).containsExactlyElementsOf(expected);
        Subscription now = plenigo.subscriptions().find(subscription.id()).orElseThrow();
        assertThat(now.nextTopUpIndex()).isEqualTo(4);
        assertThat(now.nextTopUpAt()).contains(local(year + "-05-31T10:00"));
        assertThat(balance(reader, articles)).isEqualTo(20);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void intervalsMissedWhileNoSchedulerRanAreCaughtUpInOrderWithTheirOwnDatesExactlyOnce() {
        clock.set(LocalDateTime.of(2025, 5, 1, 10, 0));
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        clock.set(LocalDateTime.of(2025, 8, 15, 12, 0));
        events.clear();

        SchedulerRun run = plenigo.topUps().runDue();

        assertThat(run.toppedUp()).isEqualTo(3);
        assertThat(run.failed()).isZero();
        List<Instant> expected = List.of(local("2025-05-01T10:00"), local("2025-06-01T10:00"),
                local("2025-07-01T10:00"), local("2025-08-01T10:00"));
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::at).containsExactlyElementsOf(expected);
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::balanceAfter).containsExactly(5L, 10L, 15L, 20L);
        assertThat(events.ofType(WalletEvent.CreditsToppedUp.class)).extracting(WalletEvent::occurredAt)
                .containsExactlyElementsOf(expected.subList(1, 4));
        assertThat(charges(reader)).extracting(c -> c.request().at()).containsExactlyElementsOf(expected);

        assertThat(plenigo.topUps().runDue().toppedUp()).isZero();
        assertThat(ledger(reader, articles)).hasSize(4);
        assertThat(charges(reader)).hasSize(4);
        assertThat(plenigo.subscriptions().find(subscription.id()).orElseThrow().nextTopUpAt())
                .contains(local("2025-09-01T10:00"));
        assertWalletConsistent(reader, articles);
    }

    @Test
    void runningDueTwiceAddsNothingTheSecondTime() {
        subscribe(reader, usageOffer("weekly-5", articles, 5, TopUpPlan.every(Interval.weeks(1))));
        clock.advance(Period.ofWeeks(1));

        SchedulerRun first = plenigo.topUps().runDue();
        SchedulerRun second = plenigo.topUps().runDue();
        clock.advance(Duration.ofDays(6));
        SchedulerRun beforeTheNext = plenigo.topUps().runDue();

        assertThat(first.toppedUp()).isEqualTo(1);
        assertThat(second).isEqualTo(new SchedulerRun(0, 0, 0, 0));
        assertThat(beforeTheNext).isEqualTo(new SchedulerRun(0, 0, 0, 0));
        assertThat(balance(reader, articles)).isEqualTo(10);
        assertThat(charges(reader)).hasSize(2);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void cancellingATimeBasedSubscriptionStopsFutureTopUpsWhileItsCreditsStayUsable() {
        clock.set(LocalDateTime.of(2025, 5, 1, 10, 0));
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        consumed(consume(reader, articles, 1));
        clock.set(LocalDateTime.of(2025, 5, 10, 9, 0));

        Subscription cancelled = plenigo.subscriptions().cancel(subscription.id());

        assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).contains(local("2025-05-10T09:00"));
        assertThat(cancelled.nextTopUpAt()).isEmpty();
        clock.set(LocalDateTime.of(2025, 9, 1, 10, 0));
        assertThat(plenigo.subscriptions().cancel(subscription.id())).as("cancelling again changes nothing")
                .isEqualTo(cancelled);
        assertThat(plenigo.topUps().runDue().toppedUp()).isZero();
        assertThat(balance(reader, articles)).isEqualTo(4);
        assertThat(consumed(consume(reader, articles, 4)).balance()).isZero();
        assertThat(charges(reader)).hasSize(1);
        assertWalletConsistent(reader, articles);
    }

    @ParameterizedTest(name = "bought {0} Europe/Berlin, next top-up {1}")
    @CsvSource({"2025-03-01T10:00, 2025-04-01T08:00:00Z", "2025-10-01T10:00, 2025-11-01T09:00:00Z"})
    void aMonthlyTopUpAcrossADaylightSavingSwitchKeepsTheLocalTime(LocalDateTime bought, Instant next) {
        clock.set(bought);
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        assertThat(subscription.nextTopUpAt()).contains(next);

        clock.set(next.minusSeconds(1));
        assertThat(plenigo.topUps().runDue().toppedUp()).isZero();
        clock.set(next);
        assertThat(plenigo.topUps().runDue().toppedUp()).isEqualTo(1);

        assertThat(ledger(reader, articles).get(1).at()).isEqualTo(next);
        assertThat(next.atZone(ZONE).toLocalTime()).isEqualTo(bought.toLocalTime());
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aTimeBasedTopUpWhoseChargeFailsAddsNothingAndTheScheduleMovesOn() {
        clock.set(LocalDateTime.of(2025, 5, 1, 10, 0));
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        Plenigo declining = plenigoBuilder().charges(request -> new ChargeOutcome.Failed("card declined")).build();
        clock.set(LocalDateTime.of(2025, 6, 1, 10, 0));

        assertThat(declining.topUps().runDue()).isEqualTo(new SchedulerRun(0, 1, 0, 0));
        assertThat(plenigo.topUps().runDue()).as("the failed interval is not retried by the schedule")
                .isEqualTo(new SchedulerRun(0, 0, 0, 0));

        assertThat(balance(reader, articles)).isEqualTo(5);
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.occurredAt()).isEqualTo(local("2025-06-01T10:00")));
        assertThat(plenigo.subscriptions().find(subscription.id()).orElseThrow().nextTopUpAt())
                .contains(local("2025-07-01T10:00"));
        clock.set(LocalDateTime.of(2025, 7, 1, 10, 0));
        assertThat(plenigo.topUps().runDue().toppedUp()).isEqualTo(1);
        assertThat(balance(reader, articles)).isEqualTo(10);
        assertWalletConsistent(reader, articles);
    }

    // ----- credit validity -----

    @Test
    void creditsExpireAtTheEndOfTheirValidityWithAnExpiryEntry() {
        WalletId expiring = expiringWallet("expiring-credits", Interval.months(1));
        plenigo.wallets().grant(reader, expiring, 5, "trial", newKey());
        Instant end = local("2025-02-15T10:00");

        clock.set(end.minusSeconds(1));
        assertThat(plenigo.topUps().runDue().expiredLots()).isZero();
        assertThat(balance(reader, expiring)).isEqualTo(5);
        events.clear();
        clock.set(end);
        assertThat(plenigo.topUps().runDue().expiredLots()).isEqualTo(1);

        assertThat(balance(reader, expiring)).isZero();
        assertThat(ledger(reader, expiring)).last().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(LedgerEntryType.EXPIRY);
            assertThat(entry.credits()).isEqualTo(-5);
            assertThat(entry.at()).isEqualTo(end);
        });
        assertThat(events.ofType(WalletEvent.CreditsExpired.class)).singleElement().satisfies(expired -> {
            assertThat(expired.credits()).isEqualTo(5);
            assertThat(expired.balance()).isZero();
        });
        clock.advance(Period.ofMonths(1));
        assertThat(plenigo.topUps().runDue().expiredLots()).isZero();
        assertThat(ledger(reader, expiring)).hasSize(2);
        assertWalletConsistent(reader, expiring);
    }

    @Test
    void consumptionUsesTheCreditsThatExpireFirst() {
        WalletId expiring = expiringWallet("expiring-credits", Interval.months(1));
        plenigo.wallets().grant(reader, expiring, 5, "first", newKey());
        clock.advance(Duration.ofDays(10));
        plenigo.wallets().grant(reader, expiring, 5, "second", newKey());
        consumed(plenigo.wallets().consume(ConsumeCredits.of(reader, expiring, 7, "issue-1", newKey())));

        clock.set(local("2025-02-15T10:00"));
        assertThat(plenigo.topUps().runDue().expiredLots()).as("the first lot was used up").isZero();
        assertThat(balance(reader, expiring)).isEqualTo(3);

        clock.set(local("2025-02-25T10:00"));
        assertThat(plenigo.topUps().runDue().expiredLots()).isEqualTo(1);
        assertThat(ledger(reader, expiring)).last().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(LedgerEntryType.EXPIRY);
            assertThat(entry.credits()).isEqualTo(-3);
            assertThat(entry.at()).isEqualTo(local("2025-02-25T10:00"));
        });
        assertThat(balance(reader, expiring)).isZero();
        assertWalletConsistent(reader, expiring);
    }

    @Test
    void expiredCreditsCannotBeSpentEvenBeforeTheSchedulerWritesThemOff() {
        WalletId expiring = expiringWallet("expiring-credits", Interval.days(7));
        plenigo.wallets().grant(reader, expiring, 5, "trial", newKey());
        clock.advance(Duration.ofDays(8));

        ConsumptionResult.Refused refused = refused(plenigo.wallets().consume(
                ConsumeCredits.of(reader, expiring, 1, "article-1", newKey())));

        assertThat(refused.reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
        assertThat(refused.balance()).as("usable credits").isZero();
        assertThat(ledgerTypes(reader, expiring)).as("a refusal changes nothing").containsExactly(LedgerEntryType.GRANT);
        assertThat(events.ofType(WalletEvent.CreditsConsumed.class)).isEmpty();

        plenigo.topUps().runDue();
        assertThat(ledger(reader, expiring)).extracting(LedgerEntry::type, LedgerEntry::at).containsExactly(
                tuple(LedgerEntryType.GRANT, local("2025-01-15T10:00")),
                tuple(LedgerEntryType.EXPIRY, local("2025-01-22T10:00")));
        assertWalletConsistent(reader, expiring);
    }

    @Test
    void aConsumptionWritesOffExpiredCreditsBeforeSpendingTheValidOnes() {
        WalletId expiring = expiringWallet("expiring-credits", Interval.days(7));
        plenigo.wallets().grant(reader, expiring, 5, "trial", newKey());
        clock.advance(Duration.ofDays(3));
        plenigo.wallets().grant(reader, expiring, 2, "welcome back", newKey());
        clock.advance(Duration.ofDays(5));

        assertThat(plenigo.wallets().consume(ConsumeCredits.of(reader, expiring, 1, "article-1", newKey())))
                .isInstanceOf(ConsumptionResult.Consumed.class);

        assertThat(ledger(reader, expiring)).extracting(LedgerEntry::type, LedgerEntry::credits).containsExactly(
                tuple(LedgerEntryType.GRANT, 5L), tuple(LedgerEntryType.GRANT, 2L),
                tuple(LedgerEntryType.EXPIRY, -5L), tuple(LedgerEntryType.CONSUMPTION, -1L));
        assertThat(balance(reader, expiring)).isEqualTo(1);
        assertWalletConsistent(reader, expiring);
    }

    // ----- shared customer wallet -----

    @Test
    void twoSubscriptionsFeedingTheSameCustomerWalletShareOneBalance() {
        Subscription external = subscribe(reader, usageOffer("external-5", articles, 5, TopUpPlan.external()));
        clock.advance(Duration.ofMinutes(1));
        SubscriptionResult second = plenigo.subscriptions().subscribe(reader,
                usageOffer("monthly-3", articles, 3, TopUpPlan.every(Interval.months(1))), newKey());
        assertThat(second).isInstanceOf(SubscriptionResult.Subscribed.class);
        Subscription monthly = ((SubscriptionResult.Subscribed) second).subscription();

        assertThat(((SubscriptionResult.Subscribed) second).balance()).isEqualTo(8);
        assertThat(monthly.customerWalletId()).isEqualTo(external.customerWalletId());
        assertThat(tx(() -> store.subscriptions().findByCustomerWallet(external.customerWalletId().orElseThrow())))
                .extracting(Subscription::id).containsExactly(external.id(), monthly.id());
        assertThat(consumed(consume(reader, articles, 8)).balance()).isZero();
        clock.advance(Period.ofMonths(1));
        assertThat(plenigo.topUps().runDue().toppedUp()).isEqualTo(1);
        plenigo.wallets().topUp(external.id(), newKey());

        assertThat(balance(reader, articles)).isEqualTo(8);
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::type, LedgerEntry::credits,
                LedgerEntry::subscriptionId).containsExactly(
                tuple(LedgerEntryType.TOP_UP, 5L, Optional.of(external.id())),
                tuple(LedgerEntryType.TOP_UP, 3L, Optional.of(monthly.id())),
                tuple(LedgerEntryType.CONSUMPTION, -8L, Optional.empty()),
                tuple(LedgerEntryType.TOP_UP, 3L, Optional.of(monthly.id())),
                tuple(LedgerEntryType.TOP_UP, 5L, Optional.of(external.id())));
        assertWalletConsistent(reader, articles);
    }

    // ----- events -----

    @Test
    void eventsArePublishedOnlyAfterTheirChangeIsStored() throws Exception {
        ExecutorService observer = Executors.newSingleThreadExecutor();
        List<String> problems = new CopyOnWriteArrayList<>();
        List<DomainEvent> published = new CopyOnWriteArrayList<>();
        try {
            EventPublisher checking = event -> {
                published.add(event);
                entryOf(event).ifPresent(entryId -> {
                    Future<Optional<LedgerEntry>> seen = observer.submit(() -> tx(() -> store.ledger().find(entryId)));
                    try {
                        if (seen.get(5, TimeUnit.SECONDS).isEmpty()) {
                            problems.add(event + " published before its ledger entry was committed");
                        }
                    } catch (Exception e) {
                        problems.add(event + " published while its unit of work was still open: " + e);
                    }
                });
            };
            Plenigo observed = plenigoBuilder().eventPublisher(checking).build();
            OfferId offer = usageOffer("automatic-5", articles, 5, TopUpPlan.automatic());

            observed.subscriptions().subscribe(reader, offer, newKey());
            observed.wallets().consume(ConsumeCredits.of(reader, articles, 5, "article-1", newKey()));
            observed.wallets().grant(reader, articles, 2, "goodwill", newKey());
        } finally {
            observer.shutdownNow();
        }

        assertThat(problems).isEmpty();
        assertThat(published).hasExactlyElementsOfTypes(WalletEvent.CreditsToppedUp.class,
                WalletEvent.CreditsConsumed.class, WalletEvent.CreditsToppedUp.class, WalletEvent.CreditsGranted.class);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aFailingEventPublisherDoesNotUndoTheChange() {
        Plenigo throwing = plenigoBuilder().eventPublisher(event -> {
            throw new IllegalStateException("subscriber down");
        }).build();
        plenigo.wallets().grant(reader, articles, 3, "goodwill", newKey());

        ConsumptionResult result = throwing.wallets().consume(
                ConsumeCredits.of(reader, articles, 2, "article-1", newKey()));

        assertThat(consumed(result).balance()).isEqualTo(1);
        assertThat(balance(reader, articles)).isEqualTo(1);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aRefusedConsumptionPublishesNoCreditsConsumed() {
        EventPublisher publisher = mock(EventPublisher.class);
        Plenigo observed = plenigoBuilder().eventPublisher(publisher).build();
        plenigo.wallets().grant(reader, articles, 3, "goodwill", newKey());

        ConsumptionResult result = observed.wallets().consume(
                ConsumeCredits.of(reader, articles, 4, "article-1", newKey()));

        assertThat(refused(result).reason()).isEqualTo(Refusal.INSUFFICIENT_CREDITS);
        verify(publisher, never()).publish(any(WalletEvent.CreditsConsumed.class));
        assertThat(balance(reader, articles)).isEqualTo(3);
        assertWalletConsistent(reader, articles);
    }

    // ----- helpers -----

    private WalletId expiringWallet(String id, Interval validity) {
        return plenigo.catalog().createWallet(Wallet.of(WalletId.of(id), "Expiring " + id, Money.of("0.50", "EUR"))
                .withCreditValidity(validity)).id();
    }

    private static ConsumptionResult.Consumed consumed(ConsumptionResult result) {
        assertThat(result).isInstanceOf(ConsumptionResult.Consumed.class);
        return (ConsumptionResult.Consumed) result;
    }

    private static ConsumptionResult.Refused refused(ConsumptionResult result) {
        assertThat(result).isInstanceOf(ConsumptionResult.Refused.class);
        return (ConsumptionResult.Refused) result;
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static Optional<LedgerEntryId> entryOf(DomainEvent event) {
        if (event instanceof WalletEvent.CreditsToppedUp e) {
            return Optional.of(e.entryId());
        } else if (event instanceof WalletEvent.CreditsConsumed e) {
            return Optional.of(e.entryId());
        } else if (event instanceof WalletEvent.CreditsGranted e) {
            return Optional.of(e.entryId());
        } else if (event instanceof WalletEvent.CreditsReversed e) {
            return Optional.of(e.entryId());
        } else if (event instanceof WalletEvent.CreditsExpired e) {
            return Optional.of(e.entryId());
        }
        return Optional.empty();
    }
}
