package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Charge;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
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
    /** Where the clock stands when a test starts. */
    protected static final LocalDateTime START = LocalDateTime.of(2025, 1, 15, 10, 0);

    protected Store store;
    protected MutableClock clock;
    protected RecordingEventPublisher events;
    protected Plenigo plenigo;

    /** A new, empty store; called once before each test. */
    protected abstract Store newStore();

    @BeforeEach
    void createStore() {
        store = Objects.requireNonNull(newStore(), "newStore() returned null");
        clock = MutableClock.at(START.atZone(ZONE).toInstant(), ZONE);
        events = new RecordingEventPublisher();
        plenigo = plenigoBuilder().build();
    }

    /** A builder on this test's store, clock, zone and event recorder; tests may change the rest. */
    protected Plenigo.Builder plenigoBuilder() {
        return Plenigo.builder().store(store).clock(clock).zone(ZONE).eventPublisher(events);
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

    protected static IdempotencyKey key(String value) {
        return IdempotencyKey.of(value);
    }

    protected static IdempotencyKey newKey() {
        return IdempotencyKey.of(UUID.randomUUID().toString());
    }

    // ----- catalog and customer fixtures, created through the services -----

    protected CustomerId customer(String id) {
        return plenigo.customers().register(Customer.of(CustomerId.of(id), id + "@example.org", "Reader " + id, "DE"))
                .id();
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

    protected List<Charge> charges(CustomerId customer) {
        return tx(() -> store.charges().findByCustomer(customer));
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
            boolean expiring = store.wallets().find(wallet).orElseThrow().creditValidity().isPresent();
            assertThat(inLots).as("credits remaining in open lots (kept only for credits that expire)")
                    .isEqualTo(expiring ? found.balance() : 0);
            return null;
        });
    }
}
