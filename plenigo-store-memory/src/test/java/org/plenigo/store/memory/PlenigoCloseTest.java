package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
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
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.WalletEvent;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.tck.MutableClock;

/** {@link Plenigo#close}: what a host calls on shutdown. */
class PlenigoCloseTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final CustomerId READER = CustomerId.of("reader-1");
    private static final WalletId WALLET = WalletId.of("monthly-credits");
    private static final OfferId OFFER = OfferId.of("monthly-5");

    private final MemoryStore store = new MemoryStore();
    private final MutableClock clock = MutableClock.at(LocalDateTime.of(2025, 1, 15, 9, 0).atZone(ZONE).toInstant(),
            ZONE);

    private Plenigo plenigo(EventPublisher events) {
        return Plenigo.builder().seller(SELLER).store(store).paymentProvider(new SimulatedPaymentProvider())
                .clock(clock).zone(ZONE).eventPublisher(events).build();
    }

    /** Customers reader-0 .. reader-(n-1) with a monthly top-up that is due. */
    private void dueSubscriptions(Plenigo setup, int n) {
        setup.catalog().createProductContract(ProductContract.creditBased(ProductContractId.of("five"), "5 credits",
                Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
        setup.catalog().createOffer(Offer.usageBased(OFFER, "Monthly 5", ProductContractId.of("five"), WALLET,
                TopUpPlan.every(Interval.months(1))), Wallet.of(WALLET, "Monthly credits", Money.of("1.00", "EUR")));
        for (int i = 0; i < n; i++) {
            CustomerId customer = CustomerId.of("reader-" + i);
            setup.customers().register(Customer.of(customer, "reader" + i + "@example.org", "Reader", "DE"));
            setup.paymentMethods().add(customer, SimulatedPaymentProvider.testCard(), true,
                    IdempotencyKey.of("card-" + customer));
            setup.subscriptions().subscribe(customer, OFFER, IdempotencyKey.of("order-" + i));
        }
        clock.set(LocalDateTime.of(2025, 2, 15, 12, 0));
    }

    @Test
    void afterCloseEveryServiceRefusesWithClosedAndTheStoreStaysTheHosts() {
        Plenigo plenigo = plenigo(EventPublisher.NONE);
        dueSubscriptions(plenigo, 1);
        CustomerId reader = CustomerId.of("reader-0");

        plenigo.close();
        plenigo.close();

        assertClosed(() -> plenigo.wallets().balance(reader, WALLET));
        assertClosed(() -> plenigo.wallets().consume(ConsumeCredits.of(reader, WALLET, 1, "article-1",
                IdempotencyKey.of("consume-1"))));
        assertClosed(() -> plenigo.wallets().grant(reader, WALLET, 1, "goodwill", IdempotencyKey.of("grant-1")));
        assertClosed(() -> plenigo.subscriptions().findByCustomer(reader));
        assertClosed(() -> plenigo.customers().find(reader));
        assertClosed(() -> plenigo.catalog().findOffer(OFFER));
        assertClosed(() -> plenigo.access().check(AccessCheck.of(ContentId.of("article-1"), AccessRightId.of("premium"))
                .withCustomer(reader)));
        assertClosed(() -> plenigo.topUps().runDue());

        Plenigo next = plenigo(EventPublisher.NONE);
        assertThat(next.wallets().balance(reader, WALLET)).as("the store is still open").isEqualTo(5);
    }

    @Test
    void aPlenigoInTryWithResourcesIsClosedAtItsEnd() {
        Plenigo closed;
        try (Plenigo plenigo = plenigo(EventPublisher.NONE)) {
            plenigo.customers().register(Customer.of(READER, "reader@example.org", "Reader", "DE"));
            closed = plenigo;
        }

        assertClosed(() -> closed.customers().find(READER));
    }

    @Test
    void closeLetsARunInProgressStopAfterItsSubscriptionAndWaitsForIt() throws Exception {
        dueSubscriptions(plenigo(EventPublisher.NONE), 5);
        CountDownLatch toppedUp = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Plenigo plenigo = plenigo(event -> {
            if (event instanceof WalletEvent.CreditsToppedUp) {
                // the run holds here, after its first interval committed
                toppedUp.countDown();
                await(release);
            }
        });

        CompletableFuture<SchedulerRun> run = CompletableFuture.supplyAsync(() -> plenigo.topUps().runDue());
        assertThat(toppedUp.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(plenigo::close);
        Thread.sleep(200);
        assertThat(closing).as("close waits for the run in progress").isNotDone();
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        // the run has returned by now; only the future's completion on its own thread may still lag behind
        assertThat(run.get(30, TimeUnit.SECONDS).toppedUp())
                .as("the run stopped after the subscription it was topping up").isEqualTo(1);
        Plenigo next = plenigo(EventPublisher.NONE);
        assertThat(next.topUps().runDue().toppedUp()).as("the others stay due").isEqualTo(4);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertClosed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(PlenigoException.class)
                .satisfies(e -> assertThat(((PlenigoException) e).code()).isEqualTo(ErrorCode.CLOSED));
    }
}
