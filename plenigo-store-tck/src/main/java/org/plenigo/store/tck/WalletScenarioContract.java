package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CreditsAdded;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.wallet.WalletEvent;

/**
 * The usage-based subscriptions of the product, run end to end on the store under test: the three
 * examples of the German product text word for word, then external top-ups, grants and customer
 * wallets shared by several subscriptions. Every test ends by checking that the balance equals the
 * sum of the ledger and never went below zero.
 */
public abstract class WalletScenarioContract extends WalletScenarioFixtures {
    private static final Money PRICE = Money.of("4.99", "EUR");

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
        assertThat(refill.paidBy()).contains(ChargeReference.subscription(subscription.id().value()));
        assertThat(charges(reader)).hasSize(2).allSatisfy(charge -> {
            assertThat(charge.request().amount()).isEqualTo(PRICE);
            assertThat(charge.request().paysFor()).isEqualTo(ChargeReference.subscription(subscription.id().value()));
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

        TopUpResult byEvent = plenigo.subscriptions().topUp(subscription.id(), key("crm-event-4711"));
        assertThat(byEvent).isInstanceOfSatisfying(TopUpResult.ToppedUp.class, t -> {
            assertThat(t.credits()).isEqualTo(5);
            assertThat(t.balance()).isEqualTo(5);
        });
        TopUpResult byOperator = plenigo.subscriptions().topUp(subscription.id(), key("wallet-action-1"));
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
                local("2025-05-20T18:30"), local("2025-06-01T00:00"));
        assertThat(ledger.get(2).balanceAfter()).isEqualTo(9);
        assertThat(ledger.get(2).paidBy()).contains(ChargeReference.subscription(subscription.id().value()));
        assertThat(charges(reader)).hasSize(2);
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
            assertThatThrownBy(() -> plenigo.subscriptions().topUp(subscription.id(), key))
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

        assertThatThrownBy(() -> plenigo.subscriptions().topUp(subscription.id(), newKey()))
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
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();
        IdempotencyKey key = key("crm-event-4712");

        TopUpResult failed = declining.subscriptions().topUp(subscription.id(), key);

        assertThat(failed).isInstanceOfSatisfying(TopUpResult.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Refusal.PAYMENT_FAILED);
            assertThat(r.detail()).contains("card declined");
        });
        assertThat(balance(reader, articles)).isEqualTo(5);
        assertThat(charges(reader)).hasSize(1);
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).hasSize(1);

        assertThat(plenigo.subscriptions().topUp(subscription.id(), key)).isInstanceOf(TopUpResult.ToppedUp.class);
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
            assertThat(entry.paidBy()).isEmpty();
            assertThat(entry.reference()).contains("goodwill");
        });
        assertThat(charges(reader)).isEmpty();
        assertThat(events.ofType(WalletEvent.CreditsGranted.class)).singleElement()
                .satisfies(granted -> assertThat(granted.entryId()).isEqualTo(added.entryId()));
        assertWalletConsistent(reader, articles);
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
        plenigo.subscriptions().topUp(external.id(), newKey());

        assertThat(balance(reader, articles)).isEqualTo(8);
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::type, LedgerEntry::credits,
                e -> e.paidBy().map(ChargeReference::id)).containsExactly(
                tuple(LedgerEntryType.TOP_UP, 5L, Optional.of(external.id().value())),
                tuple(LedgerEntryType.TOP_UP, 3L, Optional.of(monthly.id().value())),
                tuple(LedgerEntryType.CONSUMPTION, -8L, Optional.empty()),
                tuple(LedgerEntryType.TOP_UP, 3L, Optional.of(monthly.id().value())),
                tuple(LedgerEntryType.TOP_UP, 5L, Optional.of(external.id().value())));
        assertWalletConsistent(reader, articles);
    }
}
