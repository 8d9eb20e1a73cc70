package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.tck.MutableClock;

/**
 * {@link JdbcStore.Builder#joinHostTransactions()}: the store runs on the one connection of the
 * host's transaction (auto-commit off, the host commits). Its writes are visible to others only
 * once the host commits and vanish if the host rolls back; the store itself never commits, rolls
 * back or touches auto-commit on that connection. A refused operation, which the host cannot tell
 * from a success and so commits, stores nothing of what it wrote before it was refused.
 */
class HostTransactionsTest {
    private static final CustomerId READER = CustomerId.of("reader");
    private static final WalletId CREDITS = WalletId.of("credits");

    @ParameterizedTest
    @EnumSource(FaultDatabase.class)
    void plenigosWritesAreVisibleOnlyOnceTheHostCommits(FaultDatabase database) throws SQLException {
        try (Host host = new Host(database, new AtomicInteger())) {
            host.createReaderAndWallet();
            host.plenigo.wallets().grant(READER, CREDITS, 5, "welcome", IdempotencyKey.of("grant-1"));
            host.plenigo.wallets().consume(ConsumeCredits.of(READER, CREDITS, 2, "article-1", IdempotencyKey.of("c-1")));

            assertThat(host.plenigo.wallets().balance(READER, CREDITS)).as("inside the host's transaction").isEqualTo(3);
            assertThat(host.outside.customers().find(READER)).as("customer seen outside").isEmpty();
            assertThat(host.outside.wallets().balance(READER, CREDITS)).as("balance seen outside").isZero();

            host.connection.commit();

            assertThat(host.outside.customers().find(READER)).isPresent();
            assertThat(host.outside.wallets().ledger(READER, CREDITS)).extracting(LedgerEntry::type)
                    .containsExactly(LedgerEntryType.GRANT, LedgerEntryType.CONSUMPTION);
            assertThat(host.outside.wallets().balance(READER, CREDITS)).isEqualTo(3);
            host.assertStoreLeftTheTransactionToTheHost();
        }
    }

    @ParameterizedTest
    @EnumSource(FaultDatabase.class)
    void plenigosWritesVanishWhenTheHostRollsBack(FaultDatabase database) throws SQLException {
        try (Host host = new Host(database, new AtomicInteger())) {
            host.createReaderAndWallet();
            host.plenigo.wallets().grant(READER, CREDITS, 5, "welcome", IdempotencyKey.of("grant-1"));

            host.connection.rollback();

            assertThat(host.plenigo.customers().find(READER)).as("customer seen by the host").isEmpty();
            assertThat(host.outside.customers().find(READER)).as("customer seen outside").isEmpty();
            assertThat(host.outside.catalog().findWallet(CREDITS)).isEmpty();
            assertThat(host.outside.wallets().find(READER, CREDITS)).isEmpty();
            host.assertStoreLeftTheTransactionToTheHost();
        }
    }

    @ParameterizedTest
    @EnumSource(FaultDatabase.class)
    void aSubscriptionRefusedForAFailedChargeLeavesNothingInTheHostsTransaction(FaultDatabase database)
            throws SQLException {
        AtomicInteger failCharge = new AtomicInteger(1);
        try (Host host = new Host(database, failCharge)) {
            host.createReaderAndWallet();
            OfferId offer = host.externalOffer();
            host.connection.commit();

            SubscriptionResult result = host.plenigo.subscriptions().subscribe(READER, offer, IdempotencyKey.of("s-1"));
            host.connection.commit(); // a refusal is an answer, not a failure: the host commits

            assertThat(result).isInstanceOf(SubscriptionResult.Refused.class);
            assertThat(host.outside.subscriptions().findByCustomer(READER)).as("subscriptions").isEmpty();
            assertThat(host.outside.wallets().find(READER, CREDITS)).as("customer wallet").isEmpty();
            host.assertStoreLeftTheTransactionToTheHost();
        }
    }

    @ParameterizedTest
    @EnumSource(FaultDatabase.class)
    void aConsumptionRefusedWhenItsSecondAutomaticTopUpFailsLeavesNothingInTheHostsTransaction(
            FaultDatabase database) throws SQLException {
        AtomicInteger failCharge = new AtomicInteger(3); // the subscription's, then two top-ups: the second fails
        try (Host host = new Host(database, failCharge)) {
            host.createReaderAndWallet();
            OfferId offer = host.offer("automatic-5", TopUpPlan.automatic());
            host.plenigo.subscriptions().subscribe(READER, offer, IdempotencyKey.of("s-1"));
            host.connection.commit();

            ConsumptionResult result = host.plenigo.wallets().consume(ConsumeCredits.of(READER, CREDITS, 12,
                    "article-1", IdempotencyKey.of("c-1")));
            host.connection.commit();

            assertThat(result).isInstanceOf(ConsumptionResult.Refused.class);
            assertThat(((ConsumptionResult.Refused) result).reason()).isEqualTo(Refusal.PAYMENT_FAILED);
            assertThat(host.outside.wallets().balance(READER, CREDITS)).isEqualTo(5);
            assertThat(host.outside.wallets().ledger(READER, CREDITS)).extracting(LedgerEntry::type)
                    .containsExactly(LedgerEntryType.TOP_UP);
            assertThat(host.outsideStore.transactions().inTransaction(() -> host.outsideStore.payments()
                    .findByCustomer(READER)).stream().filter(p -> p.status().paid())).as("paid charges").hasSize(1);
            host.assertStoreLeftTheTransactionToTheHost();
        }
    }

    /**
     * The host opens a unit of work of the store itself, writes in it and calls a service that is
     * refused: the service's unit of work, nested, rolls back to a savepoint of its own, and the
     * host's own write stays for the host to commit.
     */
    @ParameterizedTest
    @EnumSource(FaultDatabase.class)
    void aRefusedConsumptionNestedInAUnitOfWorkOfTheHostLeavesOnlyTheHostsOwnWrite(FaultDatabase database)
            throws SQLException {
        AtomicInteger failCharge = new AtomicInteger(3); // the subscription's, then two top-ups: the second fails
        CustomerId own = CustomerId.of("hosts-own");
        try (Host host = new Host(database, failCharge)) {
            host.createReaderAndWallet();
            OfferId offer = host.offer("automatic-5", TopUpPlan.automatic());
            host.plenigo.subscriptions().subscribe(READER, offer, IdempotencyKey.of("s-1"));
            host.connection.commit();

            ConsumptionResult result = host.joined.transactions().inTransaction(() -> {
                host.joined.customers().insert(Customer.of(own, "own@example.org", "Own", "DE"));
                return host.plenigo.wallets().consume(ConsumeCredits.of(READER, CREDITS, 12, "article-1",
                        IdempotencyKey.of("c-1")));
            });
            host.connection.commit();

            assertThat(result).isInstanceOf(ConsumptionResult.Refused.class);
            assertThat(host.outside.customers().find(own)).isPresent();
            assertThat(host.outside.wallets().balance(READER, CREDITS)).isEqualTo(5);
            assertThat(host.outside.wallets().ledger(READER, CREDITS)).extracting(LedgerEntry::type)
                    .containsExactly(LedgerEntryType.TOP_UP);
            assertThat(host.outsideStore.transactions().inTransaction(() -> host.outsideStore.payments()
                    .findByCustomer(READER)).stream().filter(p -> p.status().paid())).as("paid charges").hasSize(1);
            host.assertStoreLeftTheTransactionToTheHost();
        }
    }

    /**
     * Two hosts send the same consumption at once: the second waits for the wallet the first holds,
     * debits it after the first committed, then loses the race for the idempotency key, rolls its
     * unit of work back and runs it again inside its host's transaction, which replays the first
     * result. The host commits that replay: the wallet was debited once.
     */
    @ParameterizedTest
    @EnumSource(FaultDatabase.class)
    void aConsumptionThatLostARaceInsideTheHostsTransactionIsReplayedAndDebitedOnce(FaultDatabase database)
            throws Exception {
        DataSource raw = database.emptyStore();
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (Host first = new Host(database, raw, new AtomicInteger()); Host second = new Host(database, raw,
                new AtomicInteger())) {
            first.createReaderAndWallet();
            first.plenigo.wallets().grant(READER, CREDITS, 5, "welcome", IdempotencyKey.of("grant-1"));
            first.connection.commit();
            ConsumeCredits request = ConsumeCredits.of(READER, CREDITS, 2, "article-1", IdempotencyKey.of("c-1"));

            ConsumptionResult won = first.plenigo.wallets().consume(request);
            long secondSession = database.sessionOf(second.connection);
            Future<ConsumptionResult> racing = threads.submit(() -> second.plenigo.wallets().consume(request));
            awaitLockWait(database, raw, secondSession, racing);
            first.connection.commit();
            ConsumptionResult lost = racing.get(20, TimeUnit.SECONDS);
            second.connection.commit();

            assertThat(won).isInstanceOf(ConsumptionResult.Consumed.class);
            assertThat(lost).isEqualTo(new ConsumptionResult.Replayed((ConsumptionResult.Consumed) won));
            assertThat(first.outside.wallets().balance(READER, CREDITS)).isEqualTo(3);
            assertThat(first.outside.wallets().ledger(READER, CREDITS)).extracting(LedgerEntry::type)
                    .containsExactly(LedgerEntryType.GRANT, LedgerEntryType.CONSUMPTION);
            first.assertStoreLeftTheTransactionToTheHost();
            second.assertStoreLeftTheTransactionToTheHost();
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("racing thread ended").isTrue();
        }
    }

    /** Waits (at most ten seconds) until {@code session} waits for a lock. */
    private static void awaitLockWait(FaultDatabase database, DataSource raw, long session, Future<?> running)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!database.waitsForALock(raw, session)) {
            if (running.isDone()) {
                running.get(); // surfaces its failure
                throw new AssertionError("the second consumption ended without waiting for the first");
            }
            assertThat(System.nanoTime()).as("waited for the lock wait").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The host: one connection with its own transaction, a store joining it, and a store outside it. */
    private static final class Host implements AutoCloseable {
        final Connection connection;
        final ObservedDataSource handedOut;
        final JdbcStore joined;
        final Plenigo plenigo;
        final JdbcStore outsideStore;
        final Plenigo outside;

        Host(FaultDatabase database, AtomicInteger failCharge) throws SQLException {
            this(database, database.emptyStore(), failCharge);
        }

        /** {@code failCharge}: the number of the charge that fails (counting from 1), 0 for none. */
        Host(FaultDatabase database, DataSource raw, AtomicInteger failCharge) throws SQLException {
            connection = raw.getConnection();
            connection.setAutoCommit(false);
            handedOut = ObservedDataSource.holding(connection);
            joined = database.layout(JdbcStore.builder(handedOut)).schemaMode(SchemaMode.NONE)
                    .joinHostTransactions().build();
            AtomicInteger charged = new AtomicInteger();
            SimulatedPaymentProvider charges = new SimulatedPaymentProvider().script(
                    request -> charged.incrementAndGet() == failCharge.get(), SimulatedPaymentProvider.decline("card declined"));
            MutableClock clock = MutableClock.at(Instant.parse("2025-01-15T09:00:00Z"), ZoneId.of("Europe/Berlin"));
            // built first, the outside instance commits the default tax rules on a connection of its own, so
            // the host's instance finds them stored and writes nothing into the host's transaction when built
            outsideStore = database.layout(JdbcStore.builder(raw)).schemaMode(SchemaMode.NONE).build();
            outside = Plenigo.builder().seller(SELLER).store(outsideStore).clock(clock)
                    .paymentProvider(new SimulatedPaymentProvider()).build();
            plenigo = Plenigo.builder().seller(SELLER).store(joined).clock(clock).paymentProvider(charges).build();
        }

        void createReaderAndWallet() {
            plenigo.customers().register(Customer.of(READER, "reader@example.org", "Reader", "DE"));
            plenigo.paymentMethods().add(READER, SimulatedPaymentProvider.testCard(), true, IdempotencyKey.of("card"));
            plenigo.catalog().createWallet(Wallet.of(CREDITS, "Credits", Money.of("0.50", "EUR")));
        }

        OfferId externalOffer() {
            return offer("external-5", TopUpPlan.external());
        }

        OfferId offer(String id, TopUpPlan plan) {
            ProductContractId contract = plenigo.catalog().createProductContract(ProductContract.creditBased(
                    ProductContractId.of(id + "-contract"), "Contract", Money.of("4.99", "EUR"),
                    TaxType.DIGITAL_NEWSPAPER, 5)).id();
            return plenigo.catalog().createOffer(Offer.usageBased(OfferId.of(id), "Offer " + id, contract, CREDITS,
                    plan)).id();
        }

        /** The store never ended the host's transaction nor changed its auto-commit. */
        void assertStoreLeftTheTransactionToTheHost() throws SQLException {
            List<String> calls = handedOut.transactionCalls();
            assertThat(calls).as("transaction calls of the store on the host's connection")
                    .noneMatch(c -> c.equals("commit()") || c.equals("rollback()") || c.startsWith("setAutoCommit"));
            assertThat(connection.getAutoCommit()).isFalse();
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
