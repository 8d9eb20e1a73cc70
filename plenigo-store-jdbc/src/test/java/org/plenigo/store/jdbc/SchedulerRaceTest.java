package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.tck.MutableClock;

/**
 * Four schedulers, each an application node of its own with its own connections (two of them with
 * three top-up workers each, on an executor of the host's), run at once over 1,000 subscriptions
 * that each missed three monthly top-ups: every interval is topped up and charged exactly once, on
 * PostgreSQL and on H2.
 */
class SchedulerRaceTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final int SUBSCRIPTIONS = 1_000;
    private static final int NODES = 4;
    private static final WalletId WALLET = WalletId.of("article-credits");
    private static final OfferId OFFER = OfferId.of("monthly-5");

    @Test
    void fourNodesOnPostgresTopUpEachIntervalExactlyOnce() throws Exception {
        raceOn(TestStores.postgres());
    }

    @Test
    void fourNodesOnH2TopUpEachIntervalExactlyOnce() throws Exception {
        raceOn(TestStores.h2());
    }

    private void raceOn(JdbcStore store) throws Exception {
        MutableClock clock = MutableClock.at(LocalDateTime.of(2025, 1, 31, 9, 0).atZone(ZONE).toInstant(), ZONE);
        Plenigo setup = Plenigo.builder().seller(SELLER).store(store).paymentProvider(new SimulatedPaymentProvider())
                .clock(clock).zone(ZONE).build();
        setup.catalog().createProductContract(ProductContract.creditBased(ProductContractId.of("five"), "5 credits",
                Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
        setup.catalog().createOffer(Offer.usageBased(OFFER, "Monthly 5", ProductContractId.of("five"), WALLET,
                TopUpPlan.every(Interval.months(1))), Wallet.of(WALLET, "Article credits", Money.of("1.00", "EUR")));
        List<CustomerId> customers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            CustomerId customer = CustomerId.of("reader-" + i);
            setup.customers().register(Customer.of(customer, "reader" + i + "@example.org", "Reader " + i, "DE"));
            setup.paymentMethods().add(customer, SimulatedPaymentProvider.testCard(), true,
                    IdempotencyKey.of("card-" + customer));
            assertThat(setup.subscriptions().subscribe(customer, OFFER, IdempotencyKey.of("order-" + i)))
                    .isInstanceOf(SubscriptionResult.Subscribed.class);
            customers.add(customer);
        }
        // bought 31 January: due 28 February, 31 March and 30 April
        clock.set(LocalDateTime.of(2025, 5, 1, 12, 0));

        List<SchedulerRun> runs = new ArrayList<>();
        ExecutorService nodes = Executors.newFixedThreadPool(NODES);
        // the host's executor the several-worker nodes share: two more threads for each of them
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SchedulerRun>> futures = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                // two nodes run with three workers each, two with one
                Plenigo.Builder builder = Plenigo.builder().seller(SELLER)
                        .store(store).paymentProvider(new SimulatedPaymentProvider())
                        .clock(clock).zone(ZONE);
                Plenigo node = (i % 2 == 0 ? builder.topUpWorkers(3).topUpExecutor(workers) : builder).build();
                futures.add(nodes.submit(() -> {
                    start.await();
                    return node.topUps().runDue();
                }));
            }
            start.countDown();
            for (Future<SchedulerRun> future : futures) {
                runs.add(future.get(5, TimeUnit.MINUTES));
            }
        } finally {
            nodes.shutdownNow();
            workers.shutdownNow();
        }

        assertThat(runs.stream().mapToInt(SchedulerRun::toppedUp).sum()).isEqualTo(3 * SUBSCRIPTIONS);
        assertThat(runs.stream().mapToInt(SchedulerRun::faulty).sum()).isZero();
        Map<String, Long> boundaries = store.transactions().inTransaction(() -> customers.stream()
                .flatMap(c -> setup.wallets().ledger(c, WALLET).stream())
                .filter(e -> e.type() == LedgerEntryType.TOP_UP)
                .collect(Collectors.groupingBy(e -> e.at().atZone(ZONE).toLocalDate().toString(), Collectors.counting())));
        assertThat(boundaries).containsExactlyInAnyOrderEntriesOf(Map.of("2025-01-31", (long) SUBSCRIPTIONS,
                "2025-02-28", (long) SUBSCRIPTIONS, "2025-03-31", (long) SUBSCRIPTIONS, "2025-04-30", (long) SUBSCRIPTIONS));
        for (CustomerId customer : customers) {
            List<LedgerEntry> ledger = setup.wallets().ledger(customer, WALLET);
            assertThat(ledger).hasSize(4);
            assertThat(setup.wallets().balance(customer, WALLET)).isEqualTo(20);
            assertThat(store.transactions().inTransaction(() -> store.payments().findByCustomer(customer))).hasSize(4);
        }
        assertThat(setup.topUps().runDue().toppedUp()).as("nothing left to do").isZero();
    }
}
