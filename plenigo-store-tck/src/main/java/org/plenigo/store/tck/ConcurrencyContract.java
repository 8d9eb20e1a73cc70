package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * Many threads on one store: consumers on one wallet never overdraw it and are counted exactly,
 * automatic top-ups stay exact under contention, one idempotency key sent by many threads at once
 * is applied once, several schedulers running at once top up each interval exactly once, and
 * consumers and schedulers together keep every wallet's balance equal to its ledger. All threads
 * start together at a gate; every wait is bounded.
 */
public abstract class ConcurrencyContract extends StoreContractSupport {
    private CustomerId reader;
    private WalletId articles;

    @BeforeEach
    void createReaderAndWallet() {
        reader = customer("reader-1");
        articles = wallet("article-credits");
    }

    @Test
    void sixteenThreadsConsumingFromOneWalletNeverOverdrawIt() throws Exception {
        plenigo.wallets().grant(reader, articles, 1000, "prepaid", newKey());

        List<List<ConsumptionResult>> perThread = inParallel(16, thread -> () -> {
            List<ConsumptionResult> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ConsumeCredits request = ConsumeCredits.of(reader, articles, 1, "article-" + i,
                        IdempotencyKey.of("t" + thread + "-" + i));
                results.add(retryingLostRaces(() -> plenigo.wallets().consume(request)));
            }
            return results;
        });

        List<ConsumptionResult> results = perThread.stream().flatMap(List::stream).toList();
        assertThat(results).filteredOn(ConsumptionResult.Consumed.class::isInstance).hasSize(1000);
        assertThat(results).filteredOn(ConsumptionResult.Refused.class::isInstance).hasSize(600)
                .allSatisfy(r -> assertThat(((ConsumptionResult.Refused) r).reason())
                        .isEqualTo(Refusal.INSUFFICIENT_CREDITS));
        assertThat(balance(reader, articles)).isZero();
        List<LedgerEntry> ledger = ledger(reader, articles);
        assertThat(ledger).filteredOn(e -> e.type() == LedgerEntryType.CONSUMPTION).hasSize(1000)
                .extracting(LedgerEntry::key).doesNotHaveDuplicates();
        assertThat(ledger).hasSize(1001);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void automaticTopUpsStayExactWhenSixteenThreadsConsumeAtOnce() throws Exception {
        Plenigo unlimited = plenigoBuilder()
                .automaticTopUpLimit(new AutomaticTopUpLimit(1_000_000, Duration.ofMinutes(10))).build();
        OfferId offer = usageOffer("automatic-5", articles, 5, TopUpPlan.automatic());
        assertThat(unlimited.subscriptions().subscribe(reader, offer, newKey()))
                .isInstanceOf(SubscriptionResult.Subscribed.class);

        List<List<ConsumptionResult>> perThread = inParallel(16, thread -> () -> {
            List<ConsumptionResult> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ConsumeCredits request = ConsumeCredits.of(reader, articles, 1, "article-" + i,
                        IdempotencyKey.of("t" + thread + "-" + i));
                results.add(retryingLostRaces(() -> unlimited.wallets().consume(request)));
            }
            return results;
        });

        // 800 single credits from top-ups of 5: every fifth consumption empties the wallet and refills it
        assertThat(perThread.stream().flatMap(List::stream)).hasSize(800)
                .allSatisfy(r -> assertThat(r).isInstanceOf(ConsumptionResult.Consumed.class));
        List<LedgerEntry> ledger = ledger(reader, articles);
        assertThat(ledger).filteredOn(e -> e.type() == LedgerEntryType.TOP_UP).hasSize(161);
        assertThat(ledger).filteredOn(e -> e.type() == LedgerEntryType.CONSUMPTION).hasSize(800);
        assertThat(charges(reader)).hasSize(161);
        assertThat(balance(reader, articles)).isEqualTo(5);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void oneKeySentByManyThreadsAtOnceIsAppliedOnce() throws Exception {
        plenigo.wallets().grant(reader, articles, 10, "prepaid", newKey());
        ConsumeCredits request = ConsumeCredits.of(reader, articles, 3, "article-1", IdempotencyKey.of("same-click"));

        List<ConsumptionResult> results = inParallel(8, thread ->
                () -> retryingLostRaces(() -> plenigo.wallets().consume(request)));

        List<ConsumptionResult> applied = results.stream().filter(ConsumptionResult.Consumed.class::isInstance).toList();
        assertThat(applied).hasSize(1);
        assertThat(results).filteredOn(ConsumptionResult.Replayed.class::isInstance).hasSize(7)
                .allSatisfy(r -> assertThat(r).isEqualTo(new ConsumptionResult.Replayed(
                        (ConsumptionResult.Consumed) applied.get(0))));
        assertThat(balance(reader, articles)).isEqualTo(7);
        assertThat(ledger(reader, articles)).hasSize(2);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void concurrentSubscriptionsOfOneCustomerShareOneCustomerWallet() throws Exception {
        OfferId offer = usageOffer("external-5", articles, 5, TopUpPlan.external());

        List<SubscriptionResult> results = inParallel(8, thread ->
                () -> retryingLostRaces(() -> plenigo.subscriptions().subscribe(reader, offer, newKey())));

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(SubscriptionResult.Subscribed.class));
        List<Subscription> subscriptions = plenigo.subscriptions().findByCustomer(reader);
        assertThat(subscriptions).hasSize(8).extracting(Subscription::customerWalletId).containsOnly(
                subscriptions.get(0).customerWalletId());
        assertThat(balance(reader, articles)).isEqualTo(40);
        assertThat(ledger(reader, articles)).hasSize(8);
        assertWalletConsistent(reader, articles);
    }

    @Test
    void fourSchedulersRacingOnTheSameDueSubscriptionsTopUpEachIntervalExactlyOnce() throws Exception {
        OfferId offer = usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1)));
        int customers = 200;
        List<CustomerId> readers = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            CustomerId customer = customer("subscriber-" + i);
            subscribe(customer, offer);
            readers.add(customer);
        }
        clock.advance(Period.ofMonths(3).plusDays(1));
        List<Plenigo> nodes = List.of(plenigoBuilder().build(), plenigoBuilder().build(), plenigoBuilder().build(),
                plenigoBuilder().build());

        List<SchedulerRun> runs = inParallel(nodes.size(), node -> () -> nodes.get(node).topUps().runDue());

        assertThat(runs.stream().mapToInt(SchedulerRun::toppedUp).sum()).isEqualTo(3 * customers);
        assertThat(runs.stream().mapToInt(SchedulerRun::failed).sum()).isZero();
        List<Instant> expected = List.of(local("2025-01-15T10:00"), local("2025-02-15T00:00"),
                local("2025-03-15T00:00"), local("2025-04-15T00:00"));
        for (CustomerId customer : readers) {
            assertThat(ledger(customer, articles)).as("ledger of %s", customer).extracting(LedgerEntry::at)
                    .containsExactlyElementsOf(expected);
            assertThat(charges(customer)).as("charges of %s", customer).extracting(c -> c.request().at())
                    .containsExactlyElementsOf(expected);
            assertThat(balance(customer, articles)).isEqualTo(20);
            assertWalletConsistent(customer, articles);
        }
        assertThat(plenigo.topUps().runDue().toppedUp()).as("nothing left to do").isZero();
    }

    @Test
    void consumersAndSchedulersAtOnceKeepTheBalanceEqualToTheLedger() throws Exception {
        OfferId offer = usageOffer("monthly-5", articles, 5, TopUpPlan.every(Interval.months(1)));
        subscribe(reader, offer);
        plenigo.wallets().grant(reader, articles, 100, "prepaid", newKey());
        clock.advance(Period.ofMonths(3).plusDays(1));
        long available = 5 + 100 + 3 * 5;

        List<Work> work = inParallel(10, thread -> () -> {
            if (thread < 2) {
                return new Work(plenigoBuilder().build().topUps().runDue().toppedUp(), 0);
            }
            int consumed = 0;
            for (int i = 0; i < 20; i++) {
                ConsumeCredits request = ConsumeCredits.of(reader, articles, 1, "article-" + i,
                        IdempotencyKey.of("t" + thread + "-" + i));
                if (retryingLostRaces(() -> plenigo.wallets().consume(request))
                        instanceof ConsumptionResult.Consumed) {
                    consumed++;
                }
            }
            return new Work(0, consumed);
        });

        int toppedUp = work.stream().mapToInt(Work::toppedUp).sum();
        int consumed = work.stream().mapToInt(Work::consumed).sum();
        assertThat(toppedUp).isEqualTo(3);
        assertThat(consumed + balance(reader, articles)).isEqualTo(available);
        assertThat(ledger(reader, articles)).filteredOn(e -> e.type() == LedgerEntryType.TOP_UP).hasSize(4);
        assertThat(charges(reader)).extracting(Payment::id).hasSize(4);
        Set<IdempotencyKey> keys = new HashSet<>();
        ledger(reader, articles).forEach(e -> assertThat(keys.add(e.key())).as("key %s once", e.key()).isTrue());
        assertWalletConsistent(reader, articles);
    }

    // ----- helpers -----

    /** What one thread of a mixed run did. */
    private record Work(int toppedUp, int consumed) {
    }
}
