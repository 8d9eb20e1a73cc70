package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.CheckItems;
import org.plenigo.core.access.CustomerStanding;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.store.Transactions;
import org.plenigo.store.tck.ForCheck;

/**
 * {@link MemoryTransactions#read} runs without the store's lock but never lets its work see a write
 * of a unit of work that is not committed: not while it runs, not after it rolled back.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemoryTransactionsReadTest {
    private static final Instant T = Instant.parse("2025-01-01T08:00:00Z");
    private static final CustomerId READER = CustomerId.of("reader");
    private static final AccessRightId PREMIUM = AccessRightId.of("premium");
    private static final Set<AccessRightId> RIGHTS = Set.of(PREMIUM);
    private static final Set<ContentId> CONTENTS = Set.of();

    private final MemoryStore store = new MemoryStore();
    private final Transactions transactions = store.transactions();
    private ExecutorService threads;

    @BeforeEach
    void insertReader() {
        threads = Executors.newCachedThreadPool();
        transactions.inTransaction(() -> {
            store.customers().insert(Customer.of(READER, "reader@example.org", "Reader", "DE"));
            store.customers().insert(Customer.of(CustomerId.of("other"), "other@example.org", "Other", "DE"));
            return store.accessRights().insert(new AccessRight(PREMIUM, "Premium"));
        });
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void readersNeverSeeTheWritesOfUnitsOfWorkThatRollBack() throws Exception {
        int readers = 4;
        int doomedUnits = 20_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        AtomicLong committed = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> seen = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            seen.add(threads.submit(() -> {
                start.await();
                List<String> violations = new ArrayList<>();
                while (writing.get() && violations.size() < 10) {
                    ForCheck access = transactions.read(() -> ForCheck.read(store.accessRightItems(), READER, RIGHTS,
                            CONTENTS, T));
                    if (!access.items().isEmpty() || access.standing() != CustomerStanding.ACTIVE) {
                        violations.add(access.toString());
                    }
                    reads.incrementAndGet();
                }
                return violations;
            }));
        }
        Future<?> writer = threads.submit(() -> {
            start.await();
            for (int i = 0; i < doomedUnits; i++) {
                String id = "doomed-" + i;
                try {
                    transactions.inTransaction(() -> {
                        store.customers().setBlocked(READER, true);
                        store.accessRightItems().insert(AccessRightItem.forRight(AccessRightItemId.of(id), READER,
                                PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(), Optional.empty()));
                        for (int spin = 0; spin < 50; spin++) {
                            Thread.onSpinWait();
                        }
                        throw new IllegalStateException("roll back " + id);
                    });
                } catch (IllegalStateException expected) {
                    // every one of them rolls back
                }
                if (i % 100 == 0) {
                    // and now and then one commits, elsewhere
                    transactions.inTransaction(() -> store.accessRightItems().insert(AccessRightItem.forRight(
                            AccessRightItemId.of("kept-" + id), CustomerId.of("other"), PREMIUM,
                            AccessSource.EXTERNAL, T, Optional.empty(), Optional.empty())));
                    committed.incrementAndGet();
                }
            }
            writing.set(false);
            return null;
        });
        start.countDown();

        writer.get(90, TimeUnit.SECONDS);
        for (Future<List<String>> reader : seen) {
            assertThat(reader.get(10, TimeUnit.SECONDS)).as("what a reader saw of rolled-back units of work").isEmpty();
        }
        assertThat(reads.get()).as("reads done while writing").isPositive();
        assertThat(transactions.read(() -> store.accessRightItems().findByCustomer(READER))).isEmpty();
        assertThat(transactions.read(() -> store.accessRightItems().findByCustomer(CustomerId.of("other"))))
                .hasSize((int) committed.get());
    }

    @Test
    void aReadInsideAUnitOfWorkJoinsItAndSeesItsWrites() {
        AccessRightItem item = AccessRightItem.forRight(AccessRightItemId.of("item-1"), READER, PREMIUM,
                AccessSource.EXTERNAL, T, Optional.empty(), Optional.empty());

        ForCheck inside = transactions.inTransaction(() -> {
            store.accessRightItems().insert(item);
            return transactions.read(() -> ForCheck.read(store.accessRightItems(), READER, RIGHTS, CONTENTS, T));
        });

        assertThat(inside.items()).containsExactly(CheckItems.Item.of(item));
        assertThat(transactions.read(() -> ForCheck.read(store.accessRightItems(), READER, RIGHTS, CONTENTS, T))
                .items()).containsExactly(CheckItems.Item.of(item));
    }

    @Test
    void aReadWaitsForAUnitOfWorkInProgressAndThenSeesItsCommit() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        Future<?> writer = threads.submit(() -> transactions.inTransaction(() -> {
            store.customers().setBlocked(READER, true);
            written.countDown();
            await(mayCommit);
            return null;
        }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

        Future<Boolean> reader = threads.submit(() -> transactions.read(() ->
                store.customers().find(READER).orElseThrow().blocked()));
        Thread.sleep(200);
        assertThat(reader.isDone()).as("a read does not complete while a unit of work is in progress").isFalse();
        mayCommit.countDown();
        writer.get(10, TimeUnit.SECONDS);

        assertThat(reader.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anAttemptThatFailedWhileAUnitOfWorkRanIsRetried() {
        AtomicInteger attempts = new AtomicInteger();

        String result = transactions.read(() -> {
            if (attempts.incrementAndGet() == 1) {
                // a unit of work of another thread commits while this attempt runs, then the attempt fails
                join(threads.submit(() -> transactions.inTransaction(() -> store.customers().setBlocked(READER,
                        true))));
                throw new IllegalStateException("failed on a state it saw half-written");
            }
            return "read again";
        });

        assertThat(result).isEqualTo("read again");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anAttemptThatFailedWithoutAnyUnitOfWorkRunningThrowsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("a real failure");

        assertThatThrownBy(() -> transactions.read(() -> {
            attempts.incrementAndGet();
            throw failure;
        })).isSameAs(failure);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aReadCannotWrite() {
        assertThatThrownBy(() -> transactions.read(() -> store.customers().setBlocked(READER, true)))
                .isInstanceOf(PlenigoException.class)
                .extracting(e -> ((PlenigoException) e).code()).isEqualTo(ErrorCode.NO_TRANSACTION);
        assertThat(transactions.read(() -> store.customers().find(READER)).orElseThrow().blocked()).isFalse();
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

    private static void join(Future<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
