package org.plenigo.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.plenigo.core.Plenigo;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.payment.SimulatedPaymentProvider;

/**
 * Consuming one credit with a fresh idempotency key, 8 threads, on embedded PostgreSQL with
 * {@code synchronous_commit} on: spread over {@value #CUSTOMERS} customer wallets, or all on one hot
 * wallet; through {@code WalletService.consume} ({@code service*}) and as the raw floor, the store's
 * debit and ledger insert over plain JDBC in one transaction ({@code floor*}), on the same pool.
 * Every fork starts its own database, loads the same data, and checks the books at the end.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(ConsumeBenchmark.THREADS)
@State(Scope.Benchmark)
public class ConsumeBenchmark {
    static final int THREADS = 8;
    static final int CUSTOMERS = 10_000;

    private BenchDatabase db;
    private Plenigo plenigo;
    private FundedWallets.Floor floor;
    private final LongAdder consumed = new LongAdder();

    @Setup(Level.Trial)
    public void start() {
        db = BenchDatabase.start(THREADS);
        plenigo = Plenigo.builder().seller(Publisher.SELLER)
                .store(db.store()).paymentProvider(new SimulatedPaymentProvider()).build();
        FundedWallets.load(db, plenigo, CUSTOMERS, Instant.now().truncatedTo(ChronoUnit.MICROS));
        floor = new FundedWallets.Floor(db, db.pool());
    }

    @TearDown(Level.Trial)
    public void verify(BenchmarkParams params) {
        try {
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            System.out.println();
            System.out.println("[verified " + name + "] " + FundedWallets.verify(db, plenigo, consumed.sum(),
                    name.startsWith("service"), CUSTOMERS));
        } finally {
            db.close();
        }
    }

    /** Each thread's source of fresh idempotency keys. */
    @State(Scope.Thread)
    public static class Caller {
        private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
        private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
        private final String prefix = "k-" + RUN + "-" + THREAD_NUMBERS.incrementAndGet() + "-";
        private long next;

        String nextKey() {
            return prefix + (++next);
        }
    }

    @Benchmark
    public ConsumptionResult serviceSpread(Caller caller) {
        return service(FundedWallets.customer(1 + ThreadLocalRandom.current().nextInt(CUSTOMERS)), caller);
    }

    @Benchmark
    public ConsumptionResult serviceHot(Caller caller) {
        return service(FundedWallets.HOT, caller);
    }

    @Benchmark
    public long floorSpread(Caller caller) {
        return floor(FundedWallets.customer(1 + ThreadLocalRandom.current().nextInt(CUSTOMERS)), caller);
    }

    @Benchmark
    public long floorHot(Caller caller) {
        return floor(FundedWallets.HOT, caller);
    }

    private ConsumptionResult service(CustomerId customer, Caller caller) {
        String key = caller.nextKey();
        ConsumptionResult result = plenigo.wallets().consume(ConsumeCredits.of(customer, FundedWallets.WALLET, 1,
                "article:" + key, IdempotencyKey.of(key)));
        if (!(result instanceof ConsumptionResult.Consumed)) {
            throw new IllegalStateException("consumption not done: " + result);
        }
        consumed.increment();
        return result;
    }

    private long floor(CustomerId customer, Caller caller) {
        String key = caller.nextKey();
        long balance = floor.consumeOne(FundedWallets.customerWalletOf(customer), key, "article:" + key);
        consumed.increment();
        return balance;
    }
}
