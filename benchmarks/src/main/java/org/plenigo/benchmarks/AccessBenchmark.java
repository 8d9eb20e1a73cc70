package org.plenigo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.AccessService;
import org.plenigo.core.access.CheckItems;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.store.jdbc.JdbcStore;
import org.plenigo.store.memory.MemoryStore;

/**
 * Access checks over {@link AccessData} (100,000 customers, 1,000,000 items, 10,000 metered
 * visitors), each against its raw floor in the same run. Every operation picks a random customer
 * and builds its {@code AccessCheck} as a CMS would on a page view:
 * <ul>
 *   <li>{@code memoryGranted}, {@code memoryDenied}: {@code AccessService.preview} on the in-memory
 *   store, of content requiring three rights the customer holds items of, at least one of them
 *   active and unblocked (granted); or two rights it holds nothing of (denied NO_ACCESS_RIGHT,
 *   which also looks up sponsor grants and the offers to show);</li>
 *   <li>{@code buildCheck}: only building the granted check, and {@code memoryFindForCheck}: only the
 *   in-memory store's {@code findForCheck} for it, called as the service calls it, to show their shares;</li>
 *   <li>{@code hashMapFloor}: a {@code HashMap<CustomerId, AccessDecision>} lookup of the
 *   precomputed answer of the granted check for a random customer;</li>
 *   <li>{@code itemsFloor}: the least an exact check of these data reads: a
 *   {@code HashMap<CustomerId, long[]>} lookup of a random customer's items as numbers (right,
 *   start, end) and a scan of them for the three required rights (given as numbers) at a fixed
 *   instant, giving the end of the granted answer; no clock, no check object, no decision;
 *   {@code itemsAndClockFloor}: the same, at the instant read from the system clock first, as a
 *   check must (the answers hold for any instant within ten days of the data's creation);</li>
 *   <li>{@code postgresGranted}: the granted preview on the JDBC store on embedded PostgreSQL
 *   ({@code synchronous_commit} on); {@code postgresSelectFloor}: the bare indexed SELECT of the
 *   same customer and items, one statement on an auto-commit connection of the same pool;</li>
 *   <li>{@code postgresCounting}: {@code AccessService.check} of new metered content for a random
 *   visitor, each one a free view counted.</li>
 * </ul>
 * Every fork loads its data and compares the store's decisions with the precomputed ones before
 * and after measuring; PostgreSQL forks also count the statements an operation sends.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AccessBenchmark {
    /** Connections of the pool: as many as the most threads a run uses. */
    static final int POOL = 2;
    /**
     * For a diagnosis only: with {@code -Daccess.hot=N} in the forks' JVM options, the in-memory and
     * HashMap benchmarks pick among the first N customers only, whose data then stay in the CPU caches.
     */
    static int[] hot(int[] customers) {
        int hot = Integer.getInteger("access.hot", 0);
        return hot > 0 && hot < customers.length ? Arrays.copyOf(customers, hot) : customers;
    }

    /** Where PostgreSQL forks write the statements per operation they counted, for BenchmarkMain's summary. */
    static Path roundTrips(String benchmark) {
        return Path.of("target", "access-round-trips-" + benchmark + ".txt");
    }

    /** The precomputed answers, for the HashMap floor. */
    @State(Scope.Benchmark)
    public static class Answers {
        AccessData data;
        Map<CustomerId, AccessDecision> answers;
        int[] granted;

        @Setup(Level.Trial)
        public void setUp() {
            data = new AccessData(Instant.now());
            answers = data.grantedAnswers();
            granted = hot(data.grantedCustomers());
            for (int i : granted) {
                if (!answers.get(data.customer(i)).granted()) {
                    throw new IllegalStateException("not a granted answer: " + i);
                }
            }
            System.out.println();
            System.out.println("[data] HashMap of " + answers.size() + " precomputed answers, " + granted.length
                    + " of them granted (the keys looked up)");
        }
    }

    /** Each customer's items as numbers, for the items floor. */
    @State(Scope.Benchmark)
    public static class Items {
        Map<CustomerId, long[]> items;
        AccessData data;
        int[] granted;
        /** The instant the items are scanned at: that of the precomputed answers. */
        long at;

        @Setup(Level.Trial)
        public void setUp() {
            data = new AccessData(Instant.now());
            at = data.t0 * 1_000_000L;
            items = new HashMap<>(2 * AccessData.CUSTOMERS);
            for (int i = 1; i <= AccessData.CUSTOMERS; i++) {
                items.put(data.customer(i), data.itemNumbers(i));
            }
            granted = hot(data.grantedCustomers());
            for (int i : granted) {
                long expected = data.expected(i, data.grantedRights(i)).cacheUntil().map(AccessData::micros)
                        .orElse(AccessData.NEVER);
                if (latestEnd(i) != expected) {
                    throw new IllegalStateException("the items floor ends customer " + i + "'s access at "
                            + latestEnd(i) + ", the precomputed answer at " + expected);
                }
            }
            System.out.println();
            System.out.println("[data] HashMap of " + items.size() + " customers' items as numbers; for each of the "
                    + granted.length + " granted customers the scan ends access where the precomputed answer does");
        }

        long latestEnd(int i) {
            return latestEnd(i, at);
        }

        long latestEnd(int i, long at) {
            return AccessData.latestEnd(items.get(data.customer(i)), AccessData.right(i, 0), AccessData.right(i, 1),
                    AccessData.right(i, 2), at);
        }
    }

    /** The in-memory store, loaded through its repositories. */
    @State(Scope.Benchmark)
    public static class Memory {
        MemoryStore store;
        AccessService access;
        AccessData data;
        int[] grantedCustomers;
        int[] deniedCustomers;

        @Setup(Level.Trial)
        public void setUp() {
            long began = System.nanoTime();
            store = new MemoryStore();
            Plenigo plenigo = Plenigo.builder().seller(Publisher.SELLER)
                    .store(store).paymentProvider(new SimulatedPaymentProvider()).build();
            data = new AccessData(Instant.now());
            data.createCatalog(plenigo);
            data.loadMemory(store);
            access = plenigo.access();
            System.out.println();
            System.out.printf("[data] in-memory store: %d customers and %d items loaded through the repositories in %.1f s,"
                    + " heap in use %d MiB%n", AccessData.CUSTOMERS, AccessData.CUSTOMERS * AccessData.ITEMS_PER_CUSTOMER,
                    (System.nanoTime() - began) / 1e9, usedHeapMiB());
            grantedCustomers = hot(data.grantedCustomers());
            deniedCustomers = hot(AccessData.unblockedCustomers());
            int[] all = IntStream.rangeClosed(1, AccessData.CUSTOMERS).toArray();
            System.out.println("[verified before] in-memory, granted checks of all customers: "
                    + verify(access, data, all, true));
            System.out.println("[verified before] in-memory, denied checks of all customers: "
                    + verify(access, data, all, false));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            System.out.println();
            System.out.println("[verified after] in-memory, 10,000 random granted checks: "
                    + verify(access, data, sample(grantedCustomers, 10_000), true));
            System.out.println("[verified after] in-memory, 10,000 random denied checks: "
                    + verify(access, data, sample(deniedCustomers, 10_000), false));
        }
    }

    /**
     * Embedded PostgreSQL, loaded with set-based SQL into the store's tables. The first fork of a run
     * loads the data into {@link #DATA_DIRECTORY}, which the server keeps when it stops; the later
     * forks start their server on it (within an hour; after that, or when {@link #discardData} was
     * called, a fork loads afresh).
     */
    @State(Scope.Benchmark)
    public static class Postgres {
        static final Path DATA_DIRECTORY = Path.of("target", "access-postgres");
        /** Written once the data are loaded: the epoch second they were made relative to. */
        private static final Path LOADED = Path.of("target", "access-postgres.loaded");

        BenchDatabase db;
        AccessService access;
        AccessData data;
        int[] grantedCustomers;
        AccessData.SelectFloor floor;
        VisitorId[] visitors;
        final LongAdder counted = new LongAdder();
        private long viewsBefore;
        private long viewRowsBefore;

        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) throws IOException {
            long began = System.nanoTime();
            OptionalLong loaded = loadedAt();
            if (loaded.isEmpty()) {
                discardData();
            }
            db = BenchDatabase.start(POOL, DATA_DIRECTORY.toAbsolutePath());
            Plenigo plenigo = Plenigo.builder().seller(Publisher.SELLER)
                    .store(db.store()).paymentProvider(new SimulatedPaymentProvider())
                    .build();
            data = new AccessData(loaded.isPresent() ? Instant.ofEpochSecond(loaded.getAsLong()) : Instant.now());
            System.out.println();
            if (loaded.isEmpty()) {
                data.createCatalog(plenigo);
                data.loadPostgres(db);
                AccessData.loadVisitors(db, Instant.now(), Plenigo.DEFAULT_ZONE);
                Files.writeString(LOADED, Long.toString(data.t0));
            }
            access = plenigo.access();
            floor = new AccessData.SelectFloor(db, db.pool());
            System.out.printf("[data] PostgreSQL: %d customers, %d items, %d visitors' meters %s in %.1f s%n",
                    db.queryLong("select count(*) from " + db.table("customer")),
                    db.queryLong("select count(*) from " + db.table("access_right_item")),
                    db.queryLong("select count(*) from " + db.table("meter")), loaded.isPresent()
                            ? "loaded by an earlier fork of this run, server started on its data directory"
                            : "loaded with set-based SQL and analyzed", (System.nanoTime() - began) / 1e9);
            grantedCustomers = data.grantedCustomers();
            visitors = new VisitorId[AccessData.VISITORS];
            for (int j = 1; j <= AccessData.VISITORS; j++) {
                visitors[j - 1] = AccessData.visitor(j);
            }
            int[] any = sample(IntStream.rangeClosed(1, AccessData.CUSTOMERS).toArray(), 2_000);
            System.out.println("[verified before] PostgreSQL, granted checks of 2,000 random customers: "
                    + verify(access, data, any, true));
            System.out.println("[verified before] PostgreSQL, denied checks of 500 random customers: "
                    + verify(access, data, Arrays.copyOf(any, 500), false));
            int[] floorSample = sample(grantedCustomers, 1_000);
            for (int i : floorSample) {
                AccessCheck check = data.grantedCheck(i);
                int items = floor.select(check, Instant.now());
                if (items < 1 || items > AccessData.GRANTED_CHECK_RIGHTS) {
                    throw new IllegalStateException("the floor found " + items + " items for " + check);
                }
            }
            profile(params);
            viewsBefore = db.queryLong("select coalesce(sum(views), 0) from " + db.table("meter"));
            viewRowsBefore = db.queryLong("select count(*) from " + db.table("meter_view"));
        }

        private static OptionalLong loadedAt() throws IOException {
            if (!Files.isReadable(LOADED)) {
                return OptionalLong.empty();
            }
            long t0 = Long.parseLong(Files.readString(LOADED).trim());
            return Instant.now().getEpochSecond() - t0 < 3_600 ? OptionalLong.of(t0) : OptionalLong.empty();
        }

        /** Removes the data loaded by an earlier fork, so that the next fork loads afresh. */
        static void discardData() throws IOException {
            Files.deleteIfExists(LOADED);
            if (Files.exists(DATA_DIRECTORY)) {
                try (var paths = Files.walk(DATA_DIRECTORY)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }

        /** Counts the statements of the benchmarked operation through an instrumented store on the same pool. */
        private void profile(BenchmarkParams params) {
            String benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            CountingDataSource counting = new CountingDataSource(db.pool(), db.store().schema() + "."
                    + db.store().tablePrefix());
            JdbcStore countedStore = db.storeOn(counting);
            AccessService counted = Plenigo.builder().seller(Publisher.SELLER).store(countedStore)
                    .paymentProvider(new SimulatedPaymentProvider()).build().access();
            AccessData.SelectFloor countedFloor = new AccessData.SelectFloor(db, counting);
            String run = UUID.randomUUID().toString().substring(0, 8);
            IntConsumer operation = switch (benchmark) {
                case "postgresGranted" -> n -> counted.preview(data.grantedCheck(
                        grantedCustomers[ThreadLocalRandom.current().nextInt(grantedCustomers.length)]));
                case "postgresSelectFloor" -> n -> countedFloor.select(data.grantedCheck(
                        grantedCustomers[ThreadLocalRandom.current().nextInt(grantedCustomers.length)]), Instant.now());
                case "postgresCounting" -> n -> {
                    AccessDecision decision = counted.check(AccessCheck.of(ContentId.of("profile-" + run + "-" + n),
                            AccessData.METERED).withVisitor(visitors[ThreadLocalRandom.current().nextInt(visitors.length)]));
                    if (decision.reason() != AccessReason.METERED_FREE_VIEW) {
                        throw new IllegalStateException("not a counted free view: " + decision);
                    }
                };
                default -> throw new IllegalArgumentException(benchmark);
            };
            for (int n = 0; n < 300; n++) {
                operation.accept(n);
            }
            counting.reset();
            int ops = 2_000;
            for (int n = 300; n < 300 + ops; n++) {
                operation.accept(n);
            }
            double statements = 0;
            double commits = 0;
            double rollbacks = 0;
            double autoCommit = 0;
            StringBuilder calls = new StringBuilder();
            for (Map.Entry<String, CountingDataSource.Tally> e : counting.tallies()) {
                double perOp = e.getValue().count.sum() / (double) ops;
                String label = e.getKey();
                switch (label) {
                    case "commit()" -> commits += perOp;
                    case "rollback()" -> rollbacks += perOp;
                    case "getAutoCommit()" -> { }
                    default -> {
                        if (label.startsWith("setAutoCommit")) {
                            autoCommit += perOp;
                        } else {
                            statements += perOp;
                        }
                    }
                }
                calls.append(String.format("%n    %.2f × %s", perOp, label));
            }
            String line = String.format("%s: %.2f statements, %.2f commits, %.2f rollbacks, %.2f setAutoCommit per"
                    + " operation (%d operations, one thread)%s", benchmark, statements, commits, rollbacks, autoCommit,
                    ops, calls);
            System.out.println("[round trips] " + line);
            try {
                Files.createDirectories(roundTrips(benchmark).getParent());
                Files.writeString(roundTrips(benchmark), line + System.lineSeparator());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                System.out.println();
                System.out.println("[verified after] PostgreSQL, 1,000 random granted checks: "
                        + verify(access, data, sample(grantedCustomers, 1_000), true));
                long views = db.queryLong("select coalesce(sum(views), 0) from " + db.table("meter")) - viewsBefore;
                long rows = db.queryLong("select count(*) from " + db.table("meter_view")) - viewRowsBefore;
                long mismatched = db.queryLong("select count(*) from " + db.table("meter") + " m where views <>"
                        + " (select count(*) from " + db.table("meter_view") + " v where v.reader = m.reader"
                        + " and v.access_right_id = m.access_right_id and v.period_start = m.period_start)");
                if (views != counted.sum() || rows != counted.sum() || mismatched != 0) {
                    throw new IllegalStateException("meters do not add up: " + counted.sum() + " counting checks, "
                            + views + " views and " + rows + " view rows added, " + mismatched
                            + " meters whose count differs from their view rows");
                }
                System.out.println("[verified after] PostgreSQL meters: " + counted.sum()
                        + " counted views measured, as many added to the meters and their view rows; every meter's"
                        + " count equals its view rows");
            } finally {
                db.close();
            }
        }
    }

    /** Each thread's source of content never viewed before, for counting checks. */
    @State(Scope.Thread)
    public static class Reader {
        private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
        private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
        private final String prefix = "m-" + RUN + "-" + THREAD_NUMBERS.incrementAndGet() + "-";
        private long next;

        ContentId nextContent() {
            return ContentId.of(prefix + (++next));
        }
    }

    @Benchmark
    public AccessDecision hashMapFloor(Answers a) {
        return a.answers.get(a.data.customer(a.granted[ThreadLocalRandom.current().nextInt(a.granted.length)]));
    }

    @Benchmark
    public long itemsFloor(Items s) {
        return s.latestEnd(s.granted[ThreadLocalRandom.current().nextInt(s.granted.length)]);
    }

    @Benchmark
    public long itemsAndClockFloor(Items s) {
        long at = AccessData.micros(Instant.now());
        return s.latestEnd(s.granted[ThreadLocalRandom.current().nextInt(s.granted.length)], at);
    }

    @Benchmark
    public AccessCheck buildCheck(Answers a) {
        return a.data.grantedCheck(a.granted[ThreadLocalRandom.current().nextInt(a.granted.length)]);
    }

    @Benchmark
    public AccessDecision memoryGranted(Memory m) {
        return m.access.preview(m.data.grantedCheck(
                m.grantedCustomers[ThreadLocalRandom.current().nextInt(m.grantedCustomers.length)]));
    }

    /**
     * The in-memory store's part of {@code memoryGranted}: its {@code findForCheck}, called as the
     * service calls it.
     */
    @Benchmark
    public CheckItems memoryFindForCheck(Memory m) {
        int i = m.grantedCustomers[ThreadLocalRandom.current().nextInt(m.grantedCustomers.length)];
        List<AccessRightId> required = List.of(m.data.grantedRights(i));
        List<ContentId> contents = List.of(m.data.article(i));
        CustomerId customer = m.data.customer(i);
        Instant at = Instant.now();
        return m.store.transactions().read(() -> m.store.accessRightItems().findForCheck(customer, required, contents,
                at));
    }

    @Benchmark
    public AccessDecision memoryDenied(Memory m) {
        return m.access.preview(m.data.deniedCheck(
                m.deniedCustomers[ThreadLocalRandom.current().nextInt(m.deniedCustomers.length)]));
    }

    @Benchmark
    public AccessDecision postgresGranted(Postgres p) {
        return p.access.preview(p.data.grantedCheck(
                p.grantedCustomers[ThreadLocalRandom.current().nextInt(p.grantedCustomers.length)]));
    }

    @Benchmark
    public int postgresSelectFloor(Postgres p) {
        return p.floor.select(p.data.grantedCheck(
                p.grantedCustomers[ThreadLocalRandom.current().nextInt(p.grantedCustomers.length)]), Instant.now());
    }

    @Benchmark
    public AccessDecision postgresCounting(Postgres p, Reader r) {
        AccessDecision decision = p.access.check(AccessCheck.of(r.nextContent(), AccessData.METERED)
                .withVisitor(p.visitors[ThreadLocalRandom.current().nextInt(p.visitors.length)]));
        if (decision.reason() != AccessReason.METERED_FREE_VIEW) {
            throw new IllegalStateException("not a counted free view: " + decision);
        }
        p.counted.increment();
        return decision;
    }

    private static int[] sample(int[] customers, int size) {
        Random random = new Random();
        int[] sample = new int[size];
        for (int n = 0; n < size; n++) {
            sample[n] = customers[random.nextInt(customers.length)];
        }
        return sample;
    }

    /**
     * Previews the granted (or the denied) check of each customer and compares the decision with the
     * precomputed one.
     *
     * @return the number of decisions by reason
     * @throws IllegalStateException if one differs
     */
    static String verify(AccessService access, AccessData data, int[] customers, boolean grantedCheck) {
        Map<AccessReason, Integer> reasons = new EnumMap<>(AccessReason.class);
        List<String> wrong = new ArrayList<>();
        int mismatches = 0;
        for (int i : customers) {
            AccessCheck check = grantedCheck ? data.grantedCheck(i) : data.deniedCheck(i);
            AccessDecision expected = data.expected(i, grantedCheck ? data.grantedRights(i) : data.deniedRights(i));
            AccessDecision decided = access.preview(check);
            if (!decided.equals(expected)) {
                mismatches++;
                if (wrong.size() < 5) {
                    wrong.add("customer " + i + ": expected " + expected + ", decided " + decided);
                }
            }
            reasons.merge(decided.reason(), 1, Integer::sum);
        }
        if (mismatches > 0) {
            throw new IllegalStateException(mismatches + " of " + customers.length + " decisions differ from the"
                    + " precomputed ones, e.g. " + wrong);
        }
        return customers.length + " decisions equal the precomputed ones " + reasons;
    }

    private static long usedHeapMiB() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }
}
