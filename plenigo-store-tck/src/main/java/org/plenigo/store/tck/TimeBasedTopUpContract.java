package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.WalletEvent;

/**
 * The time-based top-up of usage-based subscriptions on the store under test, on the calendar of
 * Europe/Berlin with catch-up, daylight-saving switches, cancellation and charge failures; and the
 * validity of credits: expiry entries, the credits that expire first spent first, expired credits
 * never spent.
 */
public abstract class TimeBasedTopUpContract extends WalletScenarioFixtures {
    // ----- TIME_BASED -----

    @ParameterizedTest(name = "bought 31 January {0}")
    @CsvSource({"2024, 29", "2025, 28"})
    void monthlyTopUpsFrom31JanuaryFollowTheCalendarAndAreDatedAtTheStartOfTheirDay(int year, int lastOfFebruary) {
        clock.set(LocalDateTime.of(year, 1, 31, 10, 0));
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        List<Instant> boundaries = List.of(local(year + "-02-" + lastOfFebruary + "T00:00"),
                local(year + "-03-31T00:00"), local(year + "-04-30T00:00"));
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
        assertThat(now.nextTopUpAt()).contains(local(year + "-05-31T00:00"));
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
        List<Instant> expected = List.of(local("2025-05-01T10:00"), local("2025-06-01T00:00"),
                local("2025-07-01T00:00"), local("2025-08-01T00:00"));
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::at).containsExactlyElementsOf(expected);
        assertThat(ledger(reader, articles)).extracting(LedgerEntry::balanceAfter).containsExactly(5L, 10L, 15L, 20L);
        assertThat(events.ofType(WalletEvent.CreditsToppedUp.class)).extracting(WalletEvent::occurredAt)
                .containsExactlyElementsOf(expected.subList(1, 4));
        assertThat(charges(reader)).extracting(c -> c.request().at()).containsExactlyElementsOf(expected);

        assertThat(plenigo.topUps().runDue().toppedUp()).isZero();
        assertThat(ledger(reader, articles)).hasSize(4);
        assertThat(charges(reader)).hasSize(4);
        assertThat(plenigo.subscriptions().find(subscription.id()).orElseThrow().nextTopUpAt())
                .contains(local("2025-09-01T00:00"));
        assertWalletConsistent(reader, articles);
    }

    @Test
    void theCreditsOfJuneAreThereFromTheStartOf1JuneNotFromTheTimeOfDayOfThePurchase() {
        // the seed: bought on 1 May at 10:00 with 5 credits a month, 1 used: "on 01.06" 5 are added, 9 in all
        clock.set(LocalDateTime.of(2025, 5, 1, 10, 0));
        subscribe(reader, usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        consumed(consume(reader, articles, 1));

        clock.set(LocalDateTime.of(2025, 5, 31, 23, 59, 59));
        assertThat(plenigo.topUps().runDue().toppedUp()).isZero();
        clock.set(LocalDateTime.of(2025, 6, 1, 0, 0));
        assertThat(plenigo.topUps().runDue().toppedUp()).isEqualTo(1);

        assertThat(balance(reader, articles)).isEqualTo(9);
        assertThat(ledger(reader, articles).get(2).at()).isEqualTo(local("2025-06-01T00:00"));
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
    @CsvSource({"2025-03-01T10:00, 2025-03-31T22:00:00Z", "2025-10-01T10:00, 2025-10-31T23:00:00Z"})
    void aMonthlyTopUpAcrossADaylightSavingSwitchIsDueAtLocalMidnight(LocalDateTime bought, Instant next) {
        clock.set(bought);
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        assertThat(subscription.nextTopUpAt()).contains(next);

        clock.set(next.minusSeconds(1));
        assertThat(plenigo.topUps().runDue().toppedUp()).isZero();
        clock.set(next);
        assertThat(plenigo.topUps().runDue().toppedUp()).isEqualTo(1);

        assertThat(ledger(reader, articles).get(1).at()).isEqualTo(next);
        assertThat(next.atZone(ZONE).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void aTimeBasedTopUpWhoseChargeFailsAddsNothingAndTheScheduleMovesOn() {
        clock.set(LocalDateTime.of(2025, 5, 1, 10, 0));
        Subscription subscription = subscribe(reader,
                usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1))));
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();
        clock.set(LocalDateTime.of(2025, 6, 1, 10, 0));

        assertThat(declining.topUps().runDue()).isEqualTo(new SchedulerRun(0, 1, 0, 0));
        assertThat(plenigo.topUps().runDue()).as("the failed interval is not retried by the schedule")
                .isEqualTo(new SchedulerRun(0, 0, 0, 0));

        assertThat(balance(reader, articles)).isEqualTo(5);
        assertThat(events.ofType(WalletEvent.TopUpFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.occurredAt()).isEqualTo(local("2025-06-01T00:00")));
        assertThat(plenigo.subscriptions().find(subscription.id()).orElseThrow().nextTopUpAt())
                .contains(local("2025-07-01T00:00"));
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

    // ----- helpers -----

    private WalletId expiringWallet(String id, Interval validity) {
        return plenigo.catalog().createWallet(Wallet.of(WalletId.of(id), "Expiring " + id, Money.of("0.50", "EUR"))
                .withCreditValidity(validity)).id();
    }
}
