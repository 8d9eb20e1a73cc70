package org.plenigo.benchmarks;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.plenigo.core.Plenigo;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.jdbc.JdbcStore;

/**
 * Where the time of a consumption (and of a time-based top-up) goes: the statements each one sends,
 * in order, and under load how many of each per operation and how long they take, measured by a
 * {@link CountingDataSource} between the store and the pool. The instrumentation costs a little
 * itself, so these figures explain the throughput of {@link ConsumeBenchmark}; they do not replace it.
 */
final class StatementProfile {
    private static final int TOP_UPS = 2_000;

    private StatementProfile() {
    }

    static void run(PrintStream out, Duration loadTime) {
        try (BenchDatabase db = BenchDatabase.start(ConsumeBenchmark.THREADS)) {
            CountingDataSource counting = new CountingDataSource(db.pool(), db.store().schema() + "." + db.store().tablePrefix());
            JdbcStore counted = db.storeOn(counting);
            Plenigo plenigo = Plenigo.builder().seller(Publisher.SELLER)
                    .store(counted).paymentProvider(new SimulatedPaymentProvider()).build();
            FundedWallets.load(db, plenigo, ConsumeBenchmark.CUSTOMERS, Instant.now().truncatedTo(ChronoUnit.MICROS));
            FundedWallets.Floor floor = new FundedWallets.Floor(db, counting);

            load(counting, 1, Duration.ofSeconds(5), (t, n) -> consume(plenigo, spread(), "warm-" + t + "-" + n));
            out.println("### One WalletService.consume of 1 credit (wallet fed by no AUTOMATIC subscription), in order");
            counting.startTrace();
            consume(plenigo, FundedWallets.customer(1), "traced-consume");
            printTrace(out, counting.stopTrace(), Integer.MAX_VALUE);

            out.println();
            out.println("### Under load: " + ConsumeBenchmark.THREADS + " threads, " + loadTime.toSeconds()
                    + " s each; per operation: calls, mean time of one call, time per operation");
            section(out, counting, "WalletService.consume, spread over " + ConsumeBenchmark.CUSTOMERS + " wallets",
                    (t, n) -> consume(plenigo, spread(), "spread-" + t + "-" + n), loadTime);
            section(out, counting, "WalletService.consume, one hot wallet",
                    (t, n) -> consume(plenigo, FundedWallets.HOT, "hot-" + t + "-" + n), loadTime);
            section(out, counting, "raw floor, spread over " + ConsumeBenchmark.CUSTOMERS + " wallets",
                    (t, n) -> floor.consumeOne(FundedWallets.customerWalletOf(spread()), "floor-" + t + "-" + n, "article"),
                    loadTime);
            section(out, counting, "raw floor, one hot wallet",
                    (t, n) -> floor.consumeOne(FundedWallets.customerWalletOf(FundedWallets.HOT), "floorhot-" + t + "-" + n,
                            "article"), loadTime);

            topUps(out, db, counting);
        }
    }

    private static void topUps(PrintStream out, BenchDatabase db, CountingDataSource counting) {
        Instant start = TopUpRun.PURCHASE;
        Instant due = TopUpRun.dueAt();
        JdbcStore counted = db.storeOn(counting);
        Plenigo atPurchase = Plenigo.builder().seller(Publisher.SELLER)
                .store(counted).paymentProvider(new SimulatedPaymentProvider())
                .clock(Clock.fixed(start, ZoneOffset.UTC)).build();
        TopUpRun.createCatalog(atPurchase);
        for (int i = 1; i <= TOP_UPS; i++) {
            CustomerId customer = CustomerId.of("t-" + i);
            atPurchase.customers().register(Customer.of(customer, "t-" + i + "@example.org", "Reader " + i, "DE"));
            atPurchase.paymentMethods().add(customer, SimulatedPaymentProvider.testCard(), true,
                    IdempotencyKey.of("card-t-" + i));
            atPurchase.subscriptions().subscribe(customer, TopUpRun.OFFER, IdempotencyKey.of("subscribe-t-" + i));
        }
        db.settle();
        Plenigo atDue = Plenigo.builder().seller(Publisher.SELLER)
                .store(counted).paymentProvider(new SimulatedPaymentProvider())
                .clock(Clock.fixed(due, ZoneOffset.UTC)).build();
        counting.reset();
        counting.startTrace();
        long began = System.nanoTime();
        SchedulerRun run = atDue.topUps().runDue();
        long nanos = System.nanoTime() - began;
        List<String> calls = counting.stopTrace();
        if (run.toppedUp() != TOP_UPS) {
            throw new IllegalStateException("expected " + TOP_UPS + " top-ups, got " + run);
        }
        out.println();
        out.println("### TopUpScheduler.runDue over " + TOP_UPS + " due subscriptions: the batch read, then the first"
                + " subscription's units of work (its one due interval, then the look that finds no further one), in order");
        int thirdCommit = indexOf(calls, "commit()", 3);
        printTrace(out, calls.subList(0, thirdCommit + 2), Integer.MAX_VALUE);
        out.println();
        out.printf("per time-based top-up (all %d, %.0f top-ups/s in this instrumented run):%n", TOP_UPS,
                TOP_UPS / (nanos / 1e9));
        table(out, counting, TOP_UPS, nanos / (double) TOP_UPS);
    }

    private static void section(PrintStream out, CountingDataSource counting, String title, Operation operation,
                                Duration time) {
        counting.reset();
        long[] result = load(counting, ConsumeBenchmark.THREADS, time, operation);
        long ops = result[0];
        double meanOpNanos = result[1] / (double) ops;
        out.println();
        out.printf("%s: %d operations, %.0f ops/s, mean latency %.0f µs%n", title, ops, ops / (double) time.toSeconds(),
                meanOpNanos / 1000);
        table(out, counting, ops, meanOpNanos);
    }

    private static void table(PrintStream out, CountingDataSource counting, long ops, double meanOpNanos) {
        out.println("| calls/op | mean µs | µs/op | share | call |");
        out.println("|---:|---:|---:|---:|---|");
        double jdbc = 0;
        for (Map.Entry<String, CountingDataSource.Tally> e : counting.tallies()) {
            long count = e.getValue().count.sum();
            long nanos = e.getValue().nanos.sum();
            double perOp = nanos / (double) ops;
            jdbc += perOp;
            out.printf("| %.2f | %.0f | %.0f | %.0f%% | `%s` |%n", count / (double) ops, nanos / (double) count / 1000,
                    perOp / 1000, 100 * perOp / meanOpNanos, e.getKey());
        }
        out.printf("| | | %.0f | %.0f%% | everything outside these calls (Java, pool, waiting for a thread) |%n",
                (meanOpNanos - jdbc) / 1000, 100 * (meanOpNanos - jdbc) / meanOpNanos);
    }

    /** Runs {@code operation} on {@code threads} threads for {@code time}; returns operations and their total nanoseconds. */
    private static long[] load(CountingDataSource counting, int threads, Duration time, Operation operation) {
        LongAdder ops = new LongAdder();
        LongAdder nanos = new LongAdder();
        long deadline = System.nanoTime() + time.toNanos();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    for (long n = 0; System.nanoTime() < deadline; n++) {
                        long start = System.nanoTime();
                        operation.run(thread, n);
                        nanos.add(System.nanoTime() - start);
                        ops.increment();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an operation failed", failures.get(0));
        }
        return new long[] {ops.sum(), nanos.sum()};
    }

    @FunctionalInterface
    private interface Operation {
        void run(int thread, long n);
    }

    private static CustomerId spread() {
        return FundedWallets.customer(1 + ThreadLocalRandom.current().nextInt(ConsumeBenchmark.CUSTOMERS));
    }

    private static void consume(Plenigo plenigo, CustomerId customer, String key) {
        ConsumptionResult result = plenigo.wallets().consume(ConsumeCredits.of(customer, FundedWallets.WALLET, 1,
                "article:" + key, IdempotencyKey.of(key)));
        if (!(result instanceof ConsumptionResult.Consumed)) {
            throw new IllegalStateException("consumption not done: " + result);
        }
    }

    private static void printTrace(PrintStream out, List<String> calls, int limit) {
        int statements = 0;
        for (int i = 0; i < calls.size() && i < limit; i++) {
            String call = calls.get(i);
            boolean roundTrip = !call.startsWith("setAutoCommit") && !call.startsWith("getAutoCommit");
            if (roundTrip) {
                statements++;
            }
            out.printf("%2d. %s%s%n", i + 1, call, roundTrip ? "" : "   (no round trip)");
        }
        out.println("round trips to the database: " + statements + " (each statement and the commit is one)");
    }

    private static int indexOf(List<String> calls, String call, int occurrence) {
        int seen = 0;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).equals(call) && ++seen == occurrence) {
                return i;
            }
        }
        return calls.size() - 1;
    }
}
