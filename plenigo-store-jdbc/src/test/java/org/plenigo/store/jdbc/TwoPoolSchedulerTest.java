package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
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
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.store.tck.MutableClock;

/**
 * Two application nodes, each with a store on a data source of its own over one PostgreSQL
 * database, run {@code runDue} at once over a few hundred subscriptions that each missed three
 * monthly periods: half time-based top-ups, half renewals of time-based subscriptions. Every
 * interval and period is done exactly once and none is missed.
 */
class TwoPoolSchedulerTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final int EACH = 150;
    private static final WalletId WALLET = WalletId.of("article-credits");
    private static final OfferId TOP_UP = OfferId.of("monthly-5");
    private static final OfferId DIGITAL = OfferId.of("digital");

    @Test
    void twoNodesOnTwoDataSourcesDoEveryIntervalAndPeriodOnce() throws Exception {
        JdbcStore first = TestStores.postgres();
        // a second data source of its own over the same database: no connection is shared
        JdbcStore second = JdbcStore.builder(new ThreadConnectionDataSource(EmbeddedDatabases.postgres()))
                .schemaMode(SchemaMode.NONE).build();
        MutableClock clock = MutableClock.at(LocalDateTime.of(2025, 1, 31, 9, 0).atZone(ZONE).toInstant(), ZONE);
        Plenigo setup = node(first, clock);
        setup.catalog().createProductContract(ProductContract.creditBased(ProductContractId.of("five"), "5 credits",
                Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
        setup.catalog().createOffer(Offer.usageBased(TOP_UP, "Monthly 5", ProductContractId.of("five"), WALLET,
                TopUpPlan.every(Interval.months(1))), Wallet.of(WALLET, "Article credits", Money.of("1.00", "EUR")));
        AccessRightId premium = setup.catalog().createAccessRight(new AccessRight(AccessRightId.of("premium"),
                "Premium")).id();
        setup.catalog().createProductContract(ProductContract.timeBased(ProductContractId.of("digital-contract"),
                "Digital", Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
        setup.catalog().createOffer(Offer.timeBased(DIGITAL, "Digital", ProductContractId.of("digital-contract"),
                Set.of(premium)));
        List<CustomerId> toppedUp = new ArrayList<>();
        List<CustomerId> renewed = new ArrayList<>();
        for (int i = 0; i < 2 * EACH; i++) {
            CustomerId customer = CustomerId.of("reader-" + i);
            setup.customers().register(Customer.of(customer, "reader" + i + "@example.org", "Reader " + i, "DE"));
            setup.paymentMethods().add(customer, SimulatedPaymentProvider.testCard(), true,
                    IdempotencyKey.of("card-" + customer));
            boolean topUp = i % 2 == 0;
            SubscriptionResult result = setup.subscriptions().subscribe(customer, topUp ? TOP_UP : DIGITAL,
                    IdempotencyKey.of("order-" + i));
            assertThat(result).isInstanceOf(topUp ? SubscriptionResult.Subscribed.class
                    : SubscriptionResult.Activated.class);
            (topUp ? toppedUp : renewed).add(customer);
        }
        // bought 31 January: top-ups due 28 February, 31 March, 30 April; renewals 1 March, 1 April, 1 May
        clock.set(LocalDateTime.of(2025, 5, 1, 12, 0));

        List<SchedulerRun> runs = new ArrayList<>();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SchedulerRun>> futures = new ArrayList<>();
            for (JdbcStore store : List.of(first, second)) {
                Plenigo node = Plenigo.builder().seller(SELLER).store(store)
                        .paymentProvider(new SimulatedPaymentProvider()).clock(clock).zone(ZONE)
                        .topUpWorkers(3).topUpExecutor(workers).build();
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

        assertThat(runs.stream().mapToInt(SchedulerRun::toppedUp).sum()).isEqualTo(3 * EACH);
        assertThat(runs.stream().mapToInt(SchedulerRun::renewed).sum()).isEqualTo(3 * EACH);
        assertThat(runs.stream().mapToInt(SchedulerRun::faulty).sum()).isZero();
        for (CustomerId customer : toppedUp) {
            assertThat(setup.wallets().ledger(customer, WALLET)).extracting(e -> e.type())
                    .containsOnly(LedgerEntryType.TOP_UP).hasSize(4);
            assertThat(setup.wallets().balance(customer, WALLET)).isEqualTo(20);
            assertThat(first.transactions().inTransaction(() -> first.payments().findByCustomer(customer))).hasSize(4);
        }
        for (CustomerId customer : renewed) {
            assertThat(first.transactions().inTransaction(() -> first.payments().findByCustomer(customer))).hasSize(4);
            assertThat(setup.invoices().list(customer, 0, 100)).filteredOn(
                    invoice -> invoice.purpose() == InvoicePurpose.SUBSCRIPTION_PERIOD).hasSize(4);
        }
        assertThat(setup.topUps().runDue().toppedUp()).as("nothing left to do").isZero();
    }

    private static Plenigo node(JdbcStore store, MutableClock clock) {
        return Plenigo.builder().seller(SELLER).store(store).paymentProvider(new SimulatedPaymentProvider())
                .clock(clock).zone(ZONE).build();
    }
}
