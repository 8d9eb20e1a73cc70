package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Plenigo;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.ValidationException;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.GrantAccess;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.MeterRule;
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
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.invoice.Seller;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * Base of every store contract: a store's test class only says how to create a fresh, empty store.
 * Each test gets a new store, a {@link MutableClock} in Europe/Berlin, an event recorder and a
 * {@link Plenigo} built on them, plus catalog fixtures and the wallet invariants every test checks.
 * A test that does not finish within two minutes fails, so a store that makes a loop spin fails
 * the build instead of hanging it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class StoreContractSupport {
    /** The publisher's time zone in every contract test. */
    protected static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** The publisher every contract test's invoices name. */
    public static final Seller SELLER = new Seller("Verlag Beispiel GmbH",
            new PostalAddress("Friedrichstraße 10", "10117", "Berlin", "DE"), "DE123456789");
    /** Where the clock stands when a test starts. */
    protected static final LocalDateTime START = LocalDateTime.of(2025, 1, 15, 10, 0);
    /** What one billing period of a time-based contract or one single purchase costs in the fixtures. */
    protected static final Money ACCESS_PRICE = Money.of("9.90", "EUR");
    /** How long a thread of a concurrency test may wait for the others. */
    protected static final long TIMEOUT_SECONDS = 120;
    /** How often a caller sends a request again after losing a race. */
    protected static final int RETRIES = 20;

    protected Store store;
    protected MutableClock clock;
    protected RecordingEventPublisher events;
    /** The payment provider of {@link #plenigoBuilder()}: unscripted charges succeed. */
    protected SimulatedPaymentProvider provider;
    protected Plenigo plenigo;

    /** A new, empty store; called once before each test. */
    protected abstract Store newStore();

    @BeforeEach
    void createStore() {
        store = Objects.requireNonNull(newStore(), "newStore() returned null");
        clock = MutableClock.at(START.atZone(ZONE).toInstant(), ZONE);
        events = new RecordingEventPublisher();
        provider = new SimulatedPaymentProvider();
        plenigo = plenigoBuilder().build();
    }

    /**
     * A builder on this test's store, the simulated {@link #provider}, clock, zone and event
     * recorder; tests may change the rest.
     */
    protected Plenigo.Builder plenigoBuilder() {
        return Plenigo.builder().seller(SELLER)
                .store(store).paymentProvider(provider).clock(clock).zone(ZONE)
                .eventPublisher(events);
    }

    /** A builder like {@link #plenigoBuilder()} whose every charge fails with {@code reason}. */
    protected Plenigo.Builder plenigoBuilderFailingCharges(String reason) {
        return plenigoBuilder().paymentProvider(new SimulatedPaymentProvider().always(SimulatedPaymentProvider.decline(reason)));
    }

    /** Runs {@code work} as one unit of work of the store under test. */
    protected <T> T tx(Supplier<T> work) {
        return store.transactions().inTransaction(work);
    }

    protected void txRun(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    /** The instant of a wall-clock time in {@link #ZONE}. */
    protected static Instant local(String isoLocalDateTime) {
        return LocalDateTime.parse(isoLocalDateTime).atZone(ZONE).toInstant();
    }

    /** The instant of a wall-clock time in {@link #ZONE}. */
    protected static Instant at(LocalDateTime local) {
        return local.atZone(ZONE).toInstant();
    }

    protected static IdempotencyKey key(String value) {
        return IdempotencyKey.of(value);
    }

    protected static IdempotencyKey newKey() {
        return IdempotencyKey.of(UUID.randomUUID().toString());
    }

    // ----- catalog and customer fixtures, created through the services -----

    /** A customer in Germany with a default card, so that charging it succeeds unless a test scripts otherwise. */
    protected CustomerId customer(String id) {
        return withCard(plenigo.customers().register(Customer.of(CustomerId.of(id), id + "@example.org",
                "Reader " + id, "DE")).id());
    }

    /** A customer in Germany with no payment method. */
    protected CustomerId customerWithoutPaymentMethod(String id) {
        return plenigo.customers().register(Customer.of(CustomerId.of(id), id + "@example.org", "Reader " + id, "DE"))
                .id();
    }

    /** Gives the customer a card that does not expire in any test, as its default payment method. */
    protected CustomerId withCard(CustomerId customer) {
        plenigo.paymentMethods().add(customer, new PaymentMethodDetails.CreditCard("tok-" + customer, "VISA", "4242",
                12, 2099), true, IdempotencyKey.of("card-of-" + customer));
        return customer;
    }

    /** A wallet whose credits are worth 0.50 EUR each and never expire. */
    protected WalletId wallet(String id) {
        return plenigo.catalog().createWallet(Wallet.of(WalletId.of(id), "Credits " + id, Money.of("0.50", "EUR"))).id();
    }

    /** A credit-based product contract selling {@code credits} credits for 4.99 EUR per top-up. */
    protected ProductContractId creditContract(String id, long credits) {
        return plenigo.catalog().createProductContract(ProductContract.creditBased(ProductContractId.of(id),
                "Contract " + id, Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, credits)).id();
    }

    /** A usage-based offer of {@code credits} credits per top-up, with its own product contract. */
    protected OfferId usageOffer(String id, WalletId wallet, long credits, TopUpPlan plan) {
        ProductContractId contract = creditContract(id + "-contract", credits);
        return plenigo.catalog().createOffer(Offer.usageBased(OfferId.of(id), "Offer " + id, contract, wallet, plan))
                .id();
    }

    /** Subscribes and insists that the first top-up was charged and added. */
    protected Subscription subscribe(CustomerId customer, OfferId offer) {
        SubscriptionResult result = plenigo.subscriptions().subscribe(customer, offer, newKey());
        assertThat(result).isInstanceOf(SubscriptionResult.Subscribed.class);
        return ((SubscriptionResult.Subscribed) result).subscription();
    }

    protected ConsumptionResult consume(CustomerId customer, WalletId wallet, long credits) {
        return plenigo.wallets().consume(ConsumeCredits.of(customer, wallet, credits, "article-1", newKey()));
    }

    protected long balance(CustomerId customer, WalletId wallet) {
        return plenigo.wallets().balance(customer, wallet);
    }

    protected List<LedgerEntry> ledger(CustomerId customer, WalletId wallet) {
        return plenigo.wallets().ledger(customer, wallet);
    }

    protected List<LedgerEntryType> ledgerTypes(CustomerId customer, WalletId wallet) {
        return ledger(customer, wallet).stream().map(LedgerEntry::type).toList();
    }

    /** The customer's payments that paid or are pending (not declined, failed or returned), oldest first. */
    protected List<Payment> charges(CustomerId customer) {
        return tx(() -> store.payments().findByCustomer(customer)).stream().filter(p -> p.status().paid()).toList();
    }

    /** The amounts the customer was charged (paid or pending), oldest first. */
    protected List<Money> chargedAmounts(CustomerId customer) {
        return charges(customer).stream().map(c -> c.request().amount()).toList();
    }

    // ----- access fixtures, created through the services -----

    /** A customer with the given email address (for sponsor grants by email domain). */
    protected CustomerId customer(String id, String email) {
        return withCard(plenigo.customers().register(Customer.of(CustomerId.of(id), email, "Reader " + id, "DE")).id());
    }

    /** An access right behind a HARD paywall. */
    protected AccessRightId hardRight(String id) {
        return plenigo.catalog().createAccessRight(new AccessRight(AccessRightId.of(id), "Right " + id)).id();
    }

    /** An access right behind a METERED paywall. */
    protected AccessRightId meteredRight(String id, MeterRule meter) {
        return plenigo.catalog().createAccessRight(AccessRight.metered(AccessRightId.of(id), "Right " + id, meter))
                .id();
    }

    /** A time-based product contract selling access for {@link #ACCESS_PRICE} per {@code billingInterval}. */
    protected ProductContractId accessContract(String id, Interval billingInterval) {
        return plenigo.catalog().createProductContract(ProductContract.timeBased(ProductContractId.of(id),
                "Contract " + id, ACCESS_PRICE, TaxType.DIGITAL_NEWSPAPER, billingInterval)).id();
    }

    /** A time-based subscription offer granting {@code rights}, billed every {@code billingInterval}, with its own contract. */
    protected OfferId timeBasedOffer(String id, Interval billingInterval, AccessRightId... rights) {
        ProductContractId contract = accessContract(id + "-contract", billingInterval);
        return plenigo.catalog().createOffer(Offer.timeBased(OfferId.of(id), "Offer " + id, contract, Set.of(rights)))
                .id();
    }

    /** A single purchase of {@code rights} for {@link #ACCESS_PRICE}, for ever or for {@code accessDuration}. */
    protected OfferId singlePurchaseOffer(String id, Optional<Interval> accessDuration, AccessRightId... rights) {
        ProductContractId contract = accessContract(id + "-contract", Interval.months(1));
        return plenigo.catalog().createOffer(Offer.singlePurchase(OfferId.of(id), "Offer " + id, contract,
                Set.of(rights), accessDuration)).id();
    }

    /** Subscribes to a time-based offer and insists that it was charged and its rights granted. */
    protected SubscriptionResult.Activated activate(CustomerId customer, OfferId offer) {
        SubscriptionResult result = plenigo.subscriptions().subscribe(customer, offer, newKey());
        assertThat(result).isInstanceOf(SubscriptionResult.Activated.class);
        return (SubscriptionResult.Activated) result;
    }

    /** Grants an EXTERNAL item for {@code right} from {@code startsAt}, for ever or until {@code endsAt}. */
    protected AccessRightItem grantExternal(CustomerId customer, AccessRightId right, Instant startsAt,
                                            Optional<Instant> endsAt) {
        return plenigo.access().grant(GrantAccess.external(customer, right, startsAt, endsAt, "print-" + customer,
                newKey()));
    }

    /** Asks this test's {@link Plenigo} for an access decision, as a page view does. */
    protected AccessDecision check(AccessCheck check) {
        return plenigo.access().check(check);
    }

    /** A check of content {@code id} requiring any of {@code rights}, for a reader not yet named. */
    protected static AccessCheck content(String id, AccessRightId... rights) {
        return AccessCheck.of(ContentId.of(id), rights);
    }

    // ----- access decisions -----

    /** Insists on the whole decision: reason (and so granted), free views left, offers and cache limit. */
    protected static void assertDecision(AccessDecision decision, AccessReason reason, OptionalInt remainingFreeViews,
                                         List<OfferId> offers, Optional<Instant> cacheUntil) {
        assertThat(decision).isEqualTo(new AccessDecision(reason.grants(), reason, remainingFreeViews, offers,
                cacheUntil));
    }

    /** Granted, not metered: no free views to report and no offers. */
    protected static void assertGranted(AccessDecision decision, AccessReason reason, Optional<Instant> cacheUntil) {
        assertThat(reason.grants()).as("%s grants", reason).isTrue();
        assertDecision(decision, reason, OptionalInt.empty(), List.of(), cacheUntil);
    }

    /** Denied, not by a meter: the offers that would grant a required right. */
    protected static void assertDenied(AccessDecision decision, AccessReason reason, List<OfferId> offers,
                                       Optional<Instant> cacheUntil) {
        assertThat(reason.grants()).as("%s grants", reason).isFalse();
        assertDecision(decision, reason, OptionalInt.empty(), offers, cacheUntil);
    }

    /** A metered free view with {@code remaining} views left in the period that ends at {@code periodEnd}. */
    protected static void assertFreeView(AccessDecision decision, int remaining, Instant periodEnd) {
        assertDecision(decision, AccessReason.METERED_FREE_VIEW, OptionalInt.of(remaining), List.of(),
                Optional.of(periodEnd));
    }

    /** The free views of the period that ends at {@code periodEnd} are used up. */
    protected static void assertExhausted(AccessDecision decision, List<OfferId> offers, Instant periodEnd) {
        assertDecision(decision, AccessReason.METER_EXHAUSTED, OptionalInt.of(0), offers, Optional.of(periodEnd));
    }

    // ----- misuse -----

    protected static void assertInvalid(ThrowingCallable call, String... messageParts) {
        assertRefused(call, ValidationException.class, ErrorCode.INVALID_INPUT, messageParts);
    }

    protected static void assertNotFound(ThrowingCallable call, String... messageParts) {
        assertRefused(call, NotFoundException.class, ErrorCode.NOT_FOUND, messageParts);
    }

    protected static void assertRefused(ThrowingCallable call, Class<? extends PlenigoException> type, ErrorCode code,
                                        String... messageParts) {
        assertThatThrownBy(call).isInstanceOf(type)
                .satisfies(e -> assertThat(((PlenigoException) e).code()).isEqualTo(code))
                .satisfies(e -> {
                    if (messageParts.length > 0) {
                        assertThat(e.getMessage()).contains(messageParts);
                    }
                });
    }

    // ----- concurrency -----

    /**
     * Runs {@code threads} tasks, all released at once by a start gate, and returns their results in
     * task order; fails if any task fails or they do not finish within the timeout.
     */
    protected static <T> List<T> inParallel(int threads, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start gate not opened");
                    }
                    return work.call();
                }));
            }
            assertThat(ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("threads ended").isTrue();
        }
    }

    /** What a caller does on a lost race: send the same request again (it is idempotent). */
    protected static <T> T retryingLostRaces(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ConflictException e) {
                if (e.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt == RETRIES) {
                    throw e;
                }
            }
        }
    }

    // ----- invariants -----

    /**
     * The rules of every customer wallet: the balance equals the sum of the ledger, which runs without
     * gaps from sequence 1 to the wallet's version, never goes below zero, and, for credits that
     * expire, equals the credits remaining in the wallet's open lots.
     */
    protected void assertWalletConsistent(CustomerId customer, WalletId wallet) {
        tx(() -> {
            CustomerWallet found = store.customerWallets().find(customer, wallet).orElse(null);
            if (found == null) {
                return null;
            }
            List<LedgerEntry> entries = store.ledger().findByCustomerWallet(found.id());
            long running = 0;
            for (int i = 0; i < entries.size(); i++) {
                LedgerEntry entry = entries.get(i);
                assertThat(entry.sequence()).as("sequence of ledger entry %d", i + 1).isEqualTo(i + 1);
                assertThat(entry.customerWalletId()).isEqualTo(found.id());
                running += entry.credits();
                assertThat(running).as("balance after entry %d", i + 1).isNotNegative();
                assertThat(entry.balanceAfter()).as("balanceAfter of entry %d", i + 1).isEqualTo(running);
            }
            assertThat(found.balance()).as("balance equals the sum of the ledger").isEqualTo(running);
            assertThat(found.version()).as("version equals the number of ledger entries").isEqualTo(entries.size());
            long inLots = store.creditLots().findOpen(found.id()).stream().mapToLong(CreditLot::remaining).sum();
            boolean expiring = store.walletDefinitions().find(wallet).orElseThrow().creditValidity().isPresent();
            assertThat(inLots).as("credits remaining in open lots (kept only for credits that expire)")
                    .isEqualTo(expiring ? found.balance() : 0);
            return null;
        });
    }
}
