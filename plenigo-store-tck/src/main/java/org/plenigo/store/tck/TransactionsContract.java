package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.wallet.BalanceChange;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditLotId;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * Contract of {@link org.plenigo.core.store.Transactions}: a unit of work's writes are stored all
 * together at commit or not at all; whatever it throws rolls back everything it wrote (inserts and
 * conditional updates alike) and reaches the caller unchanged; a nested call shares the outer unit
 * of work's fate ({@link NestedTransactionsContract} holds those cases and the actions run after
 * commit); a repository used outside a unit of work or a read is refused
 * with {@link ErrorCode#NO_TRANSACTION}, reads included; a unit of work in progress is never
 * partly visible to another thread; unique keys hold across concurrent units of work.
 */
public abstract class TransactionsContract extends TransactionsFixtures {
    private ExecutorService threads;

    @BeforeEach
    void startThreads() {
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("test threads ended").isTrue();
    }

    @Test
    void returnsTheResultOfTheUnitOfWork() {
        assertThat(tx(() -> "result")).isEqualTo("result");
        assertThat(tx(() -> (Object) null)).isNull();
    }

    @Test
    void allWritesOfACommittedUnitOfWorkAreStored() {
        txRun(() -> {
            insertParents();
            store.customers().insert(newCustomer("c2"));
        });

        assertThat(tx(() -> store.customers().find(C1))).isPresent();
        assertThat(tx(() -> store.customers().find(CustomerId.of("c2")))).isPresent();
        assertThat(tx(() -> store.customerWallets().find(CW1))).isPresent();
        assertThat(tx(() -> store.subscriptions().find(S1))).isPresent();
    }

    @Test
    void committedWritesAreVisibleToOtherThreads() throws Exception {
        txRun(this::insertParents);

        Future<Optional<Customer>> seen = threads.submit(() -> tx(() -> store.customers().find(C1)));

        assertThat(seen.get(10, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void aUnitOfWorkSeesItsOwnWrites() {
        Optional<Customer> seen = tx(() -> {
            store.customers().insert(newCustomer("c1"));
            return store.customers().find(C1);
        });

        assertThat(seen).isPresent();
    }

    @Test
    void anExceptionRollsBackEveryInsertAndReachesTheCallerUnchanged() {
        IllegalStateException failure = new IllegalStateException("boom");

        Throwable thrown = catchThrowable(() -> txRun(() -> {
            insertParents();
            store.idempotency().insert(record("k-1"));
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertNothingOfParentsStored();
        assertThat(tx(() -> store.idempotency().find(IdempotencyKey.of("k-1")))).isEmpty();
    }

    @Test
    void aPlenigoExceptionIsRethrownUnchangedToo() {
        ConflictException failure = new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "lost a race");

        Throwable thrown = catchThrowable(() -> txRun(() -> {
            store.customers().insert(newCustomer("c1"));
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(tx(() -> store.customers().find(C1))).isEmpty();
    }

    @Test
    void anErrorRollsBackToo() {
        AssertionError failure = new AssertionError("an Error, not an Exception");

        Throwable thrown = catchThrowable(() -> txRun(() -> {
            store.customers().insert(newCustomer("c1"));
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(tx(() -> store.customers().find(C1))).isEmpty();
    }

    /** Callers in other JVM languages (or with sneaky throws) can throw checked exceptions from a Supplier. */
    @Test
    void aCheckedExceptionRollsBackToo() {
        IOException failure = new IOException("checked");

        Throwable thrown = catchThrowable(() -> txRun(() -> {
            store.customers().insert(newCustomer("c1"));
            throw sneaky(failure);
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(tx(() -> store.customers().find(C1))).as("customer written before the checked exception")
                .isEmpty();
    }

    @Test
    void anExceptionRollsBackConditionalUpdates() {
        txRun(() -> {
            insertParents();
            store.customerWallets().credit(CW1, 10);
            store.creditLots().insert(new CreditLot(CreditLotId.of("lot-1"), CW1, 10, 10, T, Optional.empty()));
        });
        CustomerWallet walletBefore = tx(() -> store.customerWallets().find(CW1)).orElseThrow();
        Subscription subscriptionBefore = tx(() -> store.subscriptions().find(S1)).orElseThrow();
        List<CreditLot> lotsBefore = tx(() -> store.creditLots().findOpen(CW1));

        RuntimeException failure = new RuntimeException("undo all of it");
        Throwable thrown = catchThrowable(() -> txRun(() -> {
            assertThat(store.customerWallets().debit(CW1, 4)).isPresent();
            store.customerWallets().credit(CW1, 7);
            assertThat(store.creditLots().take(CreditLotId.of("lot-1"), 4)).isTrue();
            assertThat(store.subscriptions().advanceTopUp(S1, 1, 2, T.plusSeconds(3600))).isTrue();
            throw failure;
        }));
        assertThat(thrown).isSameAs(failure);

        assertThat(tx(() -> store.customerWallets().find(CW1))).contains(walletBefore);
        assertThat(tx(() -> store.creditLots().findOpen(CW1))).isEqualTo(lotsBefore);
        assertThat(tx(() -> store.subscriptions().find(S1))).contains(subscriptionBefore);

        Throwable cancelThrown = catchThrowable(() -> txRun(() -> {
            assertThat(store.subscriptions().cancel(S1, T)).isTrue();
            throw failure;
        }));
        assertThat(cancelThrown).isSameAs(failure);
        assertThat(tx(() -> store.subscriptions().find(S1)).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void aRolledBackLedgerAppendFreesItsSequenceForTheNextUnitOfWork() {
        txRun(this::insertParents);
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            BalanceChange change = store.customerWallets().credit(CW1, 5);
            store.ledger().insert(grant("le-lost", change, 5));
            throw failure;
        })).isSameAs(failure);
        LedgerEntry kept = tx(() -> {
            BalanceChange change = store.customerWallets().credit(CW1, 3);
            LedgerEntry entry = grant("le-kept", change, 3);
            assertThat(store.ledger().insert(entry)).isTrue();
            return entry;
        });

        assertThat(kept.sequence()).isEqualTo(1);
        assertThat(tx(() -> store.ledger().find(LedgerEntryId.of("le-lost")))).isEmpty();
        assertThat(tx(() -> store.ledger().findByCustomerWallet(CW1))).containsExactly(kept);
        assertThat(tx(() -> store.customerWallets().find(CW1)).orElseThrow().balance()).isEqualTo(3);
    }

    @Test
    void aRepositoryUsedOutsideAUnitOfWorkOrAReadIsRefused() {
        txRun(() -> store.customers().insert(newCustomer("c1")));

        assertNoTransaction(() -> store.customers().find(C1));
        assertNoTransaction(() -> store.customers().insert(newCustomer("c2")));
        assertNoTransaction(() -> store.accessRightItems().findByCustomer(C1));
        assertNoTransaction(() -> store.accessRightItems().findForCheck(C1, List.of(AccessRightId.of("premium")),
                List.of(), Instant.EPOCH));

        assertThat(store.transactions().read(() -> store.customers().find(C1))).isPresent();
        assertThat(tx(() -> store.customers().find(CustomerId.of("c2")))).isEmpty();
        // a read that failed leaves nothing open behind it
        catchThrowable(() -> store.transactions().read(() -> {
            throw new IllegalStateException("the read fails");
        }));
        assertNoTransaction(() -> store.customers().find(C1));
    }

    private static void assertNoTransaction(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(PlenigoException.class)
                .satisfies(e -> assertThat(((PlenigoException) e).code()).isEqualTo(ErrorCode.NO_TRANSACTION));
    }

    @Test
    void aUnitOfWorkStillRunningIsNotPartlyVisibleToAnotherThread() throws Exception {
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        Future<?> writer = threads.submit(() -> txRun(() -> {
            store.customers().insert(newCustomer("c-first"));
            firstWritten.countDown();
            await(mayFinish);
            store.customers().insert(newCustomer("c-second"));
        }));
        assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();

        Future<List<Boolean>> reader = threads.submit(() -> tx(() -> List.of(
                store.customers().find(CustomerId.of("c-first")).isPresent(),
                store.customers().find(CustomerId.of("c-second")).isPresent())));
        // A store that isolates lets the reader finish now and see neither; a store that locks makes
        // the reader wait for the commit and then see both. Either way: never only the first.
        try {
            reader.get(500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException waitingForTheWriter) {
            // the reader is blocked until the writer commits
        }
        mayFinish.countDown();
        writer.get(10, TimeUnit.SECONDS);
        List<Boolean> seen = reader.get(10, TimeUnit.SECONDS);

        assertThat(seen).as("whether c-first and c-second were seen by the reader")
                .isIn(List.of(false, false), List.of(true, true));
    }

    @Test
    void aUnitOfWorkRolledBackInOneThreadNeverBecomesVisibleToAnother() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch mayFail = new CountDownLatch(1);
        RuntimeException failure = new RuntimeException("rolled back");
        Future<?> writer = threads.submit(() -> txRun(() -> {
            store.customers().insert(newCustomer("c-doomed"));
            written.countDown();
            await(mayFail);
            throw failure;
        }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

        Future<Boolean> reader = threads.submit(() -> tx(() -> store.customers().find(CustomerId.of("c-doomed"))
                .isPresent()));
        try {
            reader.get(500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException waitingForTheWriter) {
            // the reader is blocked until the writer rolls back
        }
        mayFail.countDown();
        assertThatThrownBy(() -> writer.get(10, TimeUnit.SECONDS)).hasCause(failure);

        assertThat(reader.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(tx(() -> store.customers().find(CustomerId.of("c-doomed")))).isEmpty();
    }

    @Test
    void concurrentInsertsOfOneIdempotencyKeyStoreExactlyOne() throws Exception {
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            String result = "entry=le-" + i;
            results.add(threads.submit(() -> {
                await(start);
                return tx(() -> store.idempotency().insert(new IdempotencyRecord(IdempotencyKey.of("k-shared"),
                        "wallet.consume", "f".repeat(64), result, T)));
            }));
        }
        start.countDown();

        long stored = 0;
        for (Future<Boolean> result : results) {
            if (result.get(30, TimeUnit.SECONDS)) {
                stored++;
            }
        }
        assertThat(stored).isEqualTo(1);
        assertThat(tx(() -> store.idempotency().find(IdempotencyKey.of("k-shared")))).isPresent();
    }

    @Test
    void concurrentInsertsOfOneCustomerWalletStoreExactlyOne() throws Exception {
        txRun(() -> {
            store.customers().insert(newCustomer("c1"));
            store.walletDefinitions().insert(Wallet.of(W1, "Credits", Money.of("0.50", "EUR")));
        });
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            CustomerWalletId id = CustomerWalletId.of("cw-" + i);
            results.add(threads.submit(() -> {
                await(start);
                return tx(() -> store.customerWallets().insert(new CustomerWallet(id, C1, W1, 0, 0)));
            }));
        }
        start.countDown();

        long stored = 0;
        for (Future<Boolean> result : results) {
            if (result.get(30, TimeUnit.SECONDS)) {
                stored++;
            }
        }
        assertThat(stored).isEqualTo(1);
        assertThat(tx(() -> store.customerWallets().find(C1, W1))).isPresent();
    }

    // ----- fixtures -----

    private static LedgerEntry grant(String id, BalanceChange change, long credits) {
        return new LedgerEntry(LedgerEntryId.of(id), CW1, change.version(), LedgerEntryType.GRANT, credits,
                change.balanceAfter(), T, Optional.empty(), IdempotencyKey.of("key-" + id), Optional.of("goodwill"));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate not opened within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable failure) throws E {
        throw (E) failure;
    }
}
