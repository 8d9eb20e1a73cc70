package org.plenigo.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import com.zaxxer.hikari.HikariDataSource;
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
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.time.Interval;
import org.plenigo.core.topup.SchedulerRun;
import org.plenigo.core.payment.SimulatedPaymentProvider;

/**
 * One {@code TopUpScheduler.runDue} over many due time-based subscriptions on embedded PostgreSQL
 * ({@code synchronous_commit} on), timed once. All subscriptions were bought at {@link #PURCHASE}
 * with 5 credits a month, and the clock stands one interval later, so each is due exactly once. The
 * first subscription is bought through the API; the others are loaded with set-based SQL in exactly
 * the shape that purchase wrote (customer, wallet, credit lot, ledger entry, charge, idempotency
 * record, subscription). Afterwards the books are checked and a second run must find nothing due.
 */
final class TopUpRun {
    static final Instant PURCHASE = Instant.parse("2025-05-01T06:00:00Z");
    static final OfferId OFFER = OfferId.of("monthly-credits");
    static final WalletId WALLET = WalletId.of("monthly-credits");
    static final ProductContractId CONTRACT = ProductContractId.of("five-credits-monthly");
    static final Interval MONTHLY = Interval.months(1);
    static final long CREDITS = 5;

    /** How many subscriptions the raw floor tops up, half just before the run and half just after it. */
    static final int FLOOR_SAMPLE = 10_000;
    /** Threads of the timed run ({@code topUpWorkers}); the pool has one connection more, for the run's own reads. */
    static final int WORKERS = 4;

    /** When the floor's own subscriptions are due: far enough out that {@code runDue} never sees them. */
    static final Instant FLOOR_DUE = Instant.parse("2099-01-01T06:00:00Z");

    /** What one run measured. */
    record Result(int subscriptions, double loadSeconds, double runSeconds, SchedulerRun run, double secondRunMillis,
                  double floorBeforePerSecond, double floorAfterPerSecond) {
        double perSecond() {
            return subscriptions / runSeconds;
        }

        double floorPerSecond() {
            return 2 / (1 / floorBeforePerSecond + 1 / floorAfterPerSecond);
        }
    }

    private TopUpRun() {
    }

    static Instant dueAt() {
        return MONTHLY.periodStart(PURCHASE, Plenigo.DEFAULT_ZONE, 1);
    }

    static void createCatalog(Plenigo plenigo) {
        plenigo.catalog().createProductContract(ProductContract.creditBased(CONTRACT, "5 credits a month",
                Money.of("4.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, CREDITS));
        plenigo.catalog().createOffer(Offer.usageBased(OFFER, "Monthly credits", CONTRACT, WALLET, TopUpPlan.every(MONTHLY)),
                Wallet.of(WALLET, "Monthly credits", Money.of("0.98", "EUR")));
    }

    static Result run(PrintStream out, int subscriptions) {
        return run(out, subscriptions, false);
    }

    /**
     * Like {@link #run(PrintStream, int)}, but with {@code twoSchedulers} the timed run is two
     * {@code runDue} at once, each of a {@code Plenigo} of its own on a Hikari pool of its own (as two
     * application nodes), with half the workers each; the books are checked the same way, so an
     * interval done twice or missed fails the run.
     */
    static Result run(PrintStream out, int subscriptions, boolean twoSchedulers) {
        try (BenchDatabase db = BenchDatabase.start(WORKERS + 1);
             HikariDataSource secondPool = db.secondPool(WORKERS / 2 + 1)) {
            long began = System.nanoTime();
            load(db, subscriptions);
            double loadSeconds = (System.nanoTime() - began) / 1e9;
            out.printf("loaded %d due subscriptions (and %d for the raw floor) in %.1f s%n", subscriptions, FLOOR_SAMPLE,
                    loadSeconds);
            List<String[]> floorSet = floorSubscriptions(db);
            double floorBefore = floor(out, db, floorSet.subList(0, FLOOR_SAMPLE / 2), "before");

            // the calling thread tops up one share, the executor the others
            ExecutorService topUpThreads = Executors.newFixedThreadPool(WORKERS - 1, work -> {
                Thread thread = new Thread(work, "top-up");
                thread.setDaemon(true);
                return thread;
            });
            int workers = twoSchedulers ? WORKERS / 2 : WORKERS;
            Plenigo atDue = Plenigo.builder().seller(Publisher.SELLER)
                    .store(db.store()).paymentProvider(new SimulatedPaymentProvider())
                    .clock(Clock.fixed(dueAt(), ZoneOffset.UTC))
                    .topUpWorkers(workers).topUpExecutor(topUpThreads).build();
            Plenigo secondNode = Plenigo.builder().seller(Publisher.SELLER)
                    .store(db.storeOn(secondPool)).paymentProvider(new SimulatedPaymentProvider())
                    .clock(Clock.fixed(dueAt(), ZoneOffset.UTC))
                    .topUpWorkers(workers).topUpExecutor(topUpThreads).build();
            Thread progress = progress(out, db);
            began = System.nanoTime();
            SchedulerRun run;
            try {
                run = twoSchedulers ? both(atDue, secondNode) : atDue.topUps().runDue();
            } finally {
                progress.interrupt();
            }
            double runSeconds = (System.nanoTime() - began) / 1e9;
            out.printf("runDue: %s in %.1f s, %.0f subscriptions/s%n", run, runSeconds, subscriptions / runSeconds);

            double floorAfter = floor(out, db, floorSet.subList(FLOOR_SAMPLE / 2, FLOOR_SAMPLE), "after");
            began = System.nanoTime();
            SchedulerRun again = atDue.topUps().runDue();
            topUpThreads.shutdown();
            double secondRunMillis = (System.nanoTime() - began) / 1e6;
            verify(out, db, subscriptions, run, again);
            return new Result(subscriptions, loadSeconds, runSeconds, run, secondRunMillis, floorBefore, floorAfter);
        }
    }

    /** Runs both nodes' {@code runDue} at once and adds up what they did. */
    private static SchedulerRun both(Plenigo first, Plenigo second) {
        CompletableFuture<SchedulerRun> other = CompletableFuture.supplyAsync(() -> second.topUps().runDue(),
                runnable -> {
                    Thread thread = new Thread(runnable, "second-scheduler");
                    thread.setDaemon(true);
                    thread.start();
                });
        SchedulerRun mine = first.topUps().runDue();
        SchedulerRun theirs = other.join();
        return new SchedulerRun(mine.toppedUp() + theirs.toppedUp(), mine.failed() + theirs.failed(),
                mine.faulty() + theirs.faulty(), mine.expiredLots() + theirs.expiredLots(), mine.renewed() + theirs.renewed(),
                mine.renewalsFailed() + theirs.renewalsFailed(), mine.ended() + theirs.ended());
    }

    private static void load(BenchDatabase db, int subscriptions) {
        Plenigo atPurchase = Plenigo.builder().seller(Publisher.SELLER)
                .store(db.store()).paymentProvider(new SimulatedPaymentProvider())
                .clock(Clock.fixed(PURCHASE, ZoneOffset.UTC)).build();
        createCatalog(atPurchase);
        CustomerId first = CustomerId.of("s-1");
        atPurchase.customers().register(Customer.of(first, "s-1@example.org", "Reader s-1", "DE"));
        atPurchase.paymentMethods().add(first, SimulatedPaymentProvider.testCard(), true, IdempotencyKey.of("card-s-1"));
        SubscriptionResult bought = atPurchase.subscriptions().subscribe(first, OFFER, IdempotencyKey.of("subscribe-s-1"));
        Subscription reference = ((SubscriptionResult.Subscribed) bought).subscription();
        if (!reference.nextTopUpAt().equals(java.util.Optional.of(dueAt())) || reference.nextTopUpIndex() != 1) {
            throw new IllegalStateException("the purchase scheduled its first top-up otherwise: " + reference);
        }
        load(db, "s-", 2, subscriptions, dueAt());
        load(db, "f-", 1, FLOOR_SAMPLE, FLOOR_DUE);
        db.settle();
    }

    /** Customers {@code prefix}{@code from..to}, each with a subscription as a purchase at {@link #PURCHASE} writes it. */
    private static void load(BenchDatabase db, String prefix, int from, int to, Instant nextTopUpAt) {
        String ids = "(select '" + prefix + "' || i as id from generate_series(" + from + ", " + to + ") i)";
        Instant at = PURCHASE;
        db.update("insert into " + db.table("customer") + " (id, email, name, country)"
                + " select id, id || '@example.org', 'Reader ' || id, 'DE' from " + ids + " c");
        db.update("insert into " + db.table("customer_wallet") + " (id, customer_id, wallet_id, balance, version)"
                + " select 'cw-' || id, id, ?, ?, 1 from " + ids + " c", WALLET.value(), CREDITS);
        db.update("insert into " + db.table("subscription") + " (id, customer_id, offer_id, status, started_at,"
                + " cancelled_at, customer_wallet_id, top_up_type, next_top_up_index, next_top_up_at)"
                + " select 'sub-' || id, id, ?, 'ACTIVE', ?, null, 'cw-' || id, 'TIME_BASED', 1, ? from " + ids + " c",
                OFFER.value(), at, nextTopUpAt);
        db.update("insert into " + db.table("payment_method") + " (id, customer_id, type, is_default, added_at,"
                + " provider_token, card_brand, card_last_four, card_expiry_month, card_expiry_year)"
                + " select 'pm-' || id, id, 'CREDIT_CARD', true, ?, 'sim-card', 'VISA', '4242', 12, 2099 from " + ids
                + " c", at);
        db.update("insert into " + db.table("payment") + " (id, idempotency_key, customer_id, subscription_id, amount,"
                + " currency, tax_type, description, charged_at, payment_method_id, status, provider_reference,"
                + " refunded, updated_at) select 'ch-' || id, 'charge-subscribe-' || id, id, 'sub-' || id, 4.90, 'EUR',"
                + " 'DIGITAL_NEWSPAPER', '5 credits: Monthly credits', ?, 'pm-' || id, 'SUCCEEDED', 'sim-' || id, 0, ?"
                + " from " + ids + " c", at, at);
        db.update("insert into " + db.table("ledger_entry") + " (id, customer_wallet_id, sequence_no, type, credits,"
                + " balance_after, booked_at, subscription_id, idempotency_key, reference)"
                + " select 'le-' || id, 'cw-' || id, 1, 'TOP_UP', ?, ?, ?, 'sub-' || id, 'subscribe-' || id, ?"
                + " from " + ids + " c", CREDITS, CREDITS, at, OFFER.value());
        db.update("insert into " + db.table("idempotency_record") + " (idempotency_key, operation, fingerprint, result,"
                + " recorded_at) select 'subscribe-' || id, 'subscription.subscribe',"
                + " encode(sha256(convert_to(id || '/' || ?, 'UTF8')), 'hex'),"
                + " 'subscription=sub-' || id || ';entry=le-' || id || ';balance=5', ? from " + ids + " c",
                OFFER.value(), at);
    }

    private static List<String[]> floorSubscriptions(BenchDatabase db) {
        List<String[]> subscriptions = new ArrayList<>();
        try (Connection connection = db.pool().getConnection();
             PreparedStatement statement = connection.prepareStatement("select id, customer_wallet_id from "
                     + db.table("subscription") + " where customer_id like 'f-%' order by id")) {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    subscriptions.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the subscriptions: " + e.getMessage(), e);
        }
        return subscriptions;
    }

    /**
     * The raw floor of a top-up: for each subscription, on one thread like {@code runDue}, one
     * transaction over plain JDBC on the same pool with the three writes no top-up can do without:
     * the conditional advance of the schedule, the credit returning the new balance and version, and
     * the ledger entry. Returns subscriptions per second.
     */
    private static double floor(PrintStream out, BenchDatabase db, List<String[]> subscriptions, String when) {
        String advance = "update " + db.table("subscription") + " set next_top_up_index = ?, next_top_up_at = ?"
                + " where id = ? and status = 'ACTIVE' and next_top_up_index = ? and next_top_up_at is not null";
        String credit = "update " + db.table("customer_wallet") + " set balance = balance + ?, version = version + 1"
                + " where id = ? returning balance, version";
        String ledger = "insert into " + db.table("ledger_entry") + " (id, customer_wallet_id, sequence_no, type, credits,"
                + " balance_after, booked_at, subscription_id, idempotency_key, reference)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";
        Instant next = MONTHLY.after(FLOOR_DUE, Plenigo.DEFAULT_ZONE);
        long began = System.nanoTime();
        for (String[] subscription : subscriptions) {
            try (Connection connection = db.pool().getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement a = connection.prepareStatement(advance);
                     PreparedStatement c = connection.prepareStatement(credit);
                     PreparedStatement l = connection.prepareStatement(ledger)) {
                    a.setLong(1, 2);
                    a.setObject(2, BenchDatabase.utc(next));
                    a.setString(3, subscription[0]);
                    a.setLong(4, 1);
                    if (a.executeUpdate() != 1) {
                        throw new IllegalStateException("schedule of " + subscription[0] + " did not move on");
                    }
                    c.setLong(1, CREDITS);
                    c.setString(2, subscription[1]);
                    long balance;
                    long version;
                    try (ResultSet rs = c.executeQuery()) {
                        rs.next();
                        balance = rs.getLong(1);
                        version = rs.getLong(2);
                    }
                    l.setString(1, "le-" + IdempotencyKey.uuidOf(subscription[1] + "#" + version));
                    l.setString(2, subscription[1]);
                    l.setLong(3, version);
                    l.setString(4, "TOP_UP");
                    l.setLong(5, CREDITS);
                    l.setLong(6, balance);
                    l.setObject(7, BenchDatabase.utc(FLOOR_DUE));
                    l.setString(8, subscription[0]);
                    l.setString(9, "interval-" + IdempotencyKey.uuidOf(subscription[0] + "#1"));
                    l.setString(10, OFFER.value());
                    if (l.executeUpdate() != 1) {
                        throw new IllegalStateException("ledger entry " + version + " of " + subscription[1] + " exists");
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("floor top-up failed: " + e.getMessage(), e);
            }
        }
        double perSecond = subscriptions.size() / ((System.nanoTime() - began) / 1e9);
        out.printf("raw floor %s the run: %d top-ups, one transaction each (conditional advance, credit, ledger insert),"
                + " %.0f subscriptions/s%n", when, subscriptions.size(), perSecond);
        return perSecond;
    }

    /** Prints how far the run is every 30 s, read from a connection of its own. */
    private static Thread progress(PrintStream out, BenchDatabase db) {
        long began = System.nanoTime();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(30_000);
                    long done = db.queryLong("select count(*) from " + db.table("subscription")
                            + " where customer_id like 's-%' and next_top_up_index = 2");
                    out.printf("  ... %d topped up after %.0f s%n", done, (System.nanoTime() - began) / 1e9);
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        }, "top-up-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void verify(PrintStream out, BenchDatabase db, int n, SchedulerRun run, SchedulerRun again) {
        List<String> problems = new ArrayList<>();
        Instant next = MONTHLY.periodStart(PURCHASE, Plenigo.DEFAULT_ZONE, 2);
        String wallets = db.table("customer_wallet");
        String ledger = db.table("ledger_entry");
        long moved = db.queryLong("select count(*) from " + db.table("subscription")
                + " where customer_id like 's-%' and next_top_up_index = 2 and next_top_up_at = ?", next);
        long funded = db.queryLong("select count(*) from " + wallets + " where customer_id like 's-%' and balance = ?"
                + " and version = 2", 2 * CREDITS);
        long floorDone = db.queryLong("select count(*) from " + wallets + " where customer_id like 'f-%' and balance = ?"
                + " and version = 2", 2 * CREDITS);
        long topUps = db.queryLong("select count(*) from " + ledger + " where type = 'TOP_UP' and booked_at = ?", dueAt());
        long charges = db.queryLong("select count(*) from " + db.table("payment") + " where customer_id like 's-%'");
        long records = db.queryLong("select count(*) from " + db.table("idempotency_record")
                + " where operation = 'top-up.interval'");
        long mismatched = db.queryLong("select count(*) from " + wallets + " w left join (select customer_wallet_id,"
                + " sum(credits) as total, count(*) as entries from " + ledger + " group by customer_wallet_id) e"
                + " on e.customer_wallet_id = w.id where w.balance <> coalesce(e.total, 0) or w.version <> coalesce(e.entries, 0)");
        // gapless per series: each series' counter equals the number of invoices it numbered, all distinct
        long gappedSeries = db.queryLong("select count(*) from " + db.table("invoice_counter") + " c left join"
                + " (select series, count(*) as issued, count(distinct number) as numbers from " + db.table("invoice")
                + " group by series) i on i.series = c.series"
                + " where c.counter <> coalesce(i.issued, 0) or coalesce(i.issued, 0) <> coalesce(i.numbers, 0)");
        if (gappedSeries != 0) {
            problems.add(gappedSeries + " invoice series whose counter differs from the invoices numbered");
        }
        if (run.toppedUp() != n || run.failed() != 0 || run.faulty() != 0) {
            problems.add("run " + run);
        }
        if (again.toppedUp() != 0 || again.failed() != 0 || again.faulty() != 0) {
            problems.add("second run " + again);
        }
        if (moved != n) {
            problems.add(moved + " schedules moved on");
        }
        if (funded != n) {
            problems.add(funded + " wallets hold " + 2 * CREDITS + " credits after 2 entries");
        }
        if (topUps != n) {
            problems.add(topUps + " top-up entries at the interval boundary");
        }
        if (charges != 2L * n) {
            problems.add(charges + " charges");
        }
        if (records != n) {
            problems.add(records + " interval idempotency records");
        }
        if (floorDone != FLOOR_SAMPLE) {
            problems.add(floorDone + " wallets topped up by the raw floor");
        }
        if (mismatched != 0) {
            problems.add(mismatched + " wallets differ from their ledger");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("time-based top-ups do not add up: " + problems);
        }
        out.printf("[verified top-ups] %d subscriptions topped up exactly once (schedules moved to %s, %d wallets at %d"
                + " credits, %d ledger entries and %d charges), 0 balance/ledger mismatches; a second run found nothing due;"
                + " the raw floor topped up its %d%n", n, next, funded, 2 * CREDITS, topUps, charges - n, floorDone);
    }
}
