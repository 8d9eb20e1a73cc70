package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
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
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.WalletEvent;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.tck.MutableClock;

/**
 * The time-based scheduler starts no threads of its own: a run tops up on the calling thread and on
 * the executor the host gave, and an executor that rejects its shares or never starts them does
 * not stall a run.
 */
class TopUpSchedulerThreadsTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final WalletId WALLET = WalletId.of("monthly-credits");
    private static final OfferId OFFER = OfferId.of("monthly-5");
    private static final int SUBSCRIPTIONS = 40;

    private final MemoryStore store = new MemoryStore();
    private final MutableClock clock = MutableClock.at(LocalDateTime.of(2025, 1, 15, 9, 0).atZone(ZONE).toInstant(),
            ZONE);
    /** The thread each top-up's event was published on: the thread that ran its unit of work. */
    private final List<Thread> toppedUpOn = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Plenigo.Builder builder() {
        return Plenigo.builder().seller(SELLER).store(store).paymentProvider(new SimulatedPaymentProvider())
                .clock(clock).zone(ZONE).eventPublisher(event -> {
            if (event instanceof WalletEvent.CreditsToppedUp) {
                toppedUpOn.add(Thread.currentThread());
            }
        });
    }

    /** Subscriptions bought 15 January, due 15 February; the clock is then moved past that. */
    private void dueSubscriptions() {
        Plenigo setup = Plenigo.builder().seller(SELLER).store(store).paymentProvider(new SimulatedPaymentProvider())
                .clock(clock).zone(ZONE).build();
        setup.catalog().createProductContract(ProductContract.creditBased(ProductContractId.of("five"), "5 credits",
                Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
        setup.catalog().createOffer(Offer.usageBased(OFFER, "Monthly 5", ProductContractId.of("five"), WALLET,
                TopUpPlan.every(Interval.months(1))), Wallet.of(WALLET, "Monthly credits", Money.of("1.00", "EUR")));
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            CustomerId customer = CustomerId.of("reader-" + i);
            setup.customers().register(Customer.of(customer, "reader" + i + "@example.org", "Reader", "DE"));
            setup.paymentMethods().add(customer, SimulatedPaymentProvider.testCard(), true,
                    IdempotencyKey.of("card-" + customer));
            setup.subscriptions().subscribe(customer, OFFER, IdempotencyKey.of("order-" + i));
        }
        clock.set(LocalDateTime.of(2025, 2, 15, 12, 0));
    }

    @Test
    void withoutAnExecutorEveryShareRunsOnTheCallingThread() {
        dueSubscriptions();
        Plenigo plenigo = builder().topUpWorkers(4).build();

        SchedulerRun run = plenigo.topUps().runDue();

        assertThat(run.toppedUp()).isEqualTo(SUBSCRIPTIONS);
        assertThat(Set.copyOf(toppedUpOn)).containsExactly(Thread.currentThread());
    }

    @Test
    void withAnExecutorTheOtherSharesAreHandedToItAndEachIntervalIsToppedUpOnce() {
        dueSubscriptions();
        AtomicInteger handed = new AtomicInteger();
        Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();
        Plenigo plenigo = builder().topUpWorkers(4).topUpExecutor(share -> {
            handed.incrementAndGet();
            pool.execute(() -> {
                poolThreads.add(Thread.currentThread());
                share.run();
            });
        }).build();

        SchedulerRun run = plenigo.topUps().runDue();

        assertThat(run.toppedUp()).isEqualTo(SUBSCRIPTIONS);
        assertThat(handed).as("three shares beside the calling thread's").hasValue(3);
        assertThat(toppedUpOn).hasSize(SUBSCRIPTIONS)
                .allSatisfy(thread -> assertThat(thread == Thread.currentThread() || poolThreads.contains(thread))
                        .as("topped up on " + thread.getName()).isTrue());
        assertThat(plenigo.topUps().runDue().toppedUp()).as("nothing left to do").isZero();
    }

    @Test
    void sharesTheExecutorRejectsOrNeverStartsAreLeftToTheCallingThread() {
        dueSubscriptions();
        List<Runnable> neverStarted = new CopyOnWriteArrayList<>();
        Plenigo idle = builder().topUpWorkers(4).topUpExecutor(neverStarted::add).build();
        Plenigo rejecting = builder().topUpWorkers(4).topUpExecutor(share -> {
            throw new RejectedExecutionException("full");
        }).build();

        assertThat(idle.topUps().runDue().toppedUp()).isEqualTo(SUBSCRIPTIONS);
        assertThat(neverStarted).hasSize(3);
        // started once the run is over, they find it over and do nothing
        neverStarted.forEach(Runnable::run);
        assertThat(toppedUpOn).hasSize(SUBSCRIPTIONS);

        clock.set(LocalDateTime.of(2025, 3, 15, 12, 0));
        assertThat(rejecting.topUps().runDue().toppedUp()).isEqualTo(SUBSCRIPTIONS);
        assertThat(Set.copyOf(toppedUpOn)).containsExactly(Thread.currentThread());
    }
}
