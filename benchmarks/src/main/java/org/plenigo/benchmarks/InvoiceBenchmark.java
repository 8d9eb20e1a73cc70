package org.plenigo.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.internal.Context;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.InvoiceSeries;
import org.plenigo.core.invoice.internal.InvoiceSettings;
import org.plenigo.core.invoice.internal.Invoicing;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.SimulatedPaymentProvider;
import org.plenigo.core.subscription.Dunning;
import org.plenigo.core.subscription.internal.SubscriptionTopUps;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.AutomaticTopUpLimit;

/**
 * Issuing invoices, 8 threads, on embedded PostgreSQL with {@code synchronous_commit} on: a single
 * purchase's charge and its invoice in one transaction, through the core's invoicing as every
 * charge runs it ({@code issue}: the customer and the tax rule read, the charge recorded, the
 * series counted on, the invoice with its line and its figures per rate written, committed), and
 * as the raw floor of the same writes over plain JDBC ({@code floor}: the charge, the counter, the
 * invoice, its line and its figures, committed), on the same pool. Both count one series on, so
 * every transaction waits for the one before it to commit: the counter row is one hot row.
 * Every fork starts its own database and checks at the end that the numbers run from 1 without gap.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(InvoiceBenchmark.THREADS)
@State(Scope.Benchmark)
public class InvoiceBenchmark {
    static final int THREADS = 8;
    static final int CUSTOMERS = 1_000;
    private static final Money PRICE = Money.of("9.90", "EUR");

    private BenchDatabase db;
    private Context context;
    private Invoicing invoicing;
    private ProductContract contract;
    private Floor floor;
    private final LongAdder issued = new LongAdder();

    @Setup(Level.Trial)
    public void start() {
        db = BenchDatabase.start(THREADS);
        Plenigo plenigo = Plenigo.builder().seller(Publisher.SELLER)
                .store(db.store()).paymentProvider(new SimulatedPaymentProvider()).build();
        for (int i = 0; i < CUSTOMERS; i++) {
            plenigo.customers().register(Customer.of(customer(i), "reader" + i + "@example.org", "Reader " + i, "DE")
                    .withBillingAddress(new PostalAddress("Lesergasse " + i, "10115", "Berlin", "DE")));
            plenigo.paymentMethods().add(customer(i), SimulatedPaymentProvider.testCard(), true,
                    IdempotencyKey.of("card-" + i));
        }
        contract = plenigo.catalog().createProductContract(ProductContract.timeBased(ProductContractId.of("article"),
                "Article", PRICE, TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
        // the core's invoicing as the services run it, on the same store and settings as the Plenigo above
        context = new Context(db.store(), Clock.systemUTC(), new SimulatedPaymentProvider(),
                EventPublisher.NONE, Plenigo.DEFAULT_ZONE, AutomaticTopUpLimit.DEFAULT, 1, Runnable::run,
                new InvoiceSettings(Publisher.SELLER, InvoiceSeries.DEFAULT, InvoiceSeries.DEFAULT),
                SubscriptionTopUps::new, Set.of(), Dunning.DEFAULT);
        invoicing = new Invoicing(context);
        floor = new Floor(db);
    }

    @TearDown(Level.Trial)
    public void verify(BenchmarkParams params) {
        try {
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            System.out.println();
            System.out.println("[verified " + name + "] " + floor.verify(issued.sum()));
        } finally {
            db.close();
        }
    }

    static CustomerId customer(int i) {
        return CustomerId.of("reader-" + i);
    }

    /** Each thread's source of fresh keys. */
    @State(Scope.Thread)
    public static class Buyer {
        private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
        private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
        private final String prefix = "p-" + RUN + "-" + THREAD_NUMBERS.incrementAndGet() + "-";
        private long next;

        String nextPurchase() {
            return prefix + (++next);
        }
    }

    @Benchmark
    public ChargeOutcome issue(Buyer buyer) {
        String purchase = buyer.nextPurchase();
        CustomerId customer = customer(ThreadLocalRandom.current().nextInt(CUSTOMERS));
        Instant now = context.now();
        LocalDate today = LocalDate.ofInstant(now, context.zone());
        // the customer is read in the unit of work, as a purchase reads it before it charges
        ChargeOutcome outcome = context.unitOfWork().run(events -> invoicing.charge(new Invoicing.Sale(
                IdempotencyKey.of(purchase), context.store().customers().find(customer).orElseThrow(),
                ChargeReference.singlePurchase(purchase), InvoicePurpose.PURCHASE, contract,
                "Single purchase: Article", now, today, today), events));
        if (!outcome.paid()) {
            throw new IllegalStateException("charge not made: " + outcome);
        }
        issued.increment();
        return outcome;
    }

    @Benchmark
    public long floor(Buyer buyer) {
        long number = floor.issue(buyer.nextPurchase(), ThreadLocalRandom.current().nextInt(CUSTOMERS));
        issued.increment();
        return number;
    }

    /** The writes of one invoiced charge over plain JDBC, and the check of the numbers afterwards. */
    static final class Floor {
        private final BenchDatabase db;
        private final String charge;
        private final String count;
        private final String invoice;
        private final String line;
        private final String summary;

        Floor(BenchDatabase db) {
            this.db = db;
            charge = "insert into " + db.table("charge") + " (id, idempotency_key, customer_id, purchase_id, amount,"
                    + " currency, tax_type, description, charged_at) values (?, ?, ?, ?, 9.90, 'EUR',"
                    + " 'DIGITAL_NEWSPAPER', 'Single purchase: Article', ?)";
            count = "update " + db.table("invoice_counter") + " set counter = counter + 1 where series = 'RE'"
                    + " returning counter";
            invoice = "insert into " + db.table("invoice") + " (id, number, series, kind, purpose, customer_id,"
                    + " issued_at, issue_date, seller_name, seller_street, seller_postal_code, seller_city,"
                    + " seller_country, seller_vat_id, customer_name, customer_street, customer_postal_code,"
                    + " customer_city, customer_country, currency, net_amount, tax_amount, gross_amount, treatment,"
                    + " purchase_id, charge_id) values (?, ?, 'RE', 'INVOICE', 'PURCHASE', ?, ?, ?,"
                    + " 'Benchmark Verlag GmbH', 'Messweg 1', '10115', 'Berlin', 'DE', 'DE123456789', ?, ?, '10115',"
                    + " 'Berlin', 'DE', 'EUR', 9.25, 0.65, 9.90, 'TAXED', ?, ?)";
            line = "insert into " + db.table("invoice_line") + " (invoice_id, ordinal, description, tax_type,"
                    + " supply_from, supply_until, rate, net_amount, tax_amount, gross_amount) values (?, 0,"
                    + " 'Single purchase: Article', 'DIGITAL_NEWSPAPER', ?, ?, 7, 9.25, 0.65, 9.90)";
            summary = "insert into " + db.table("invoice_tax_summary") + " (invoice_id, rate, net_amount, tax_amount,"
                    + " gross_amount) values (?, 7, 9.25, 0.65, 9.90)";
            db.update("insert into " + db.table("invoice_counter") + " (series, counter) values ('RE', 0)"
                    + " on conflict do nothing");
        }

        /** Records the charge and issues its invoice in one transaction; returns the invoice's counter. */
        long issue(String purchase, int customer) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            LocalDate today = LocalDate.ofInstant(now, Plenigo.DEFAULT_ZONE);
            String chargeId = "ch-" + purchase;
            String invoiceId = "inv-" + purchase;
            try (Connection connection = db.pool().getConnection()) {
                connection.setAutoCommit(false);
                try {
                    update(connection, charge, chargeId, purchase, customer(customer).value(), purchase,
                            Timestamp.from(now));
                    long counter;
                    try (PreparedStatement statement = connection.prepareStatement(count);
                         ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        counter = rs.getLong(1);
                    }
                    update(connection, invoice, invoiceId, InvoiceSeries.DEFAULT.number(counter, today.getYear()),
                            customer(customer).value(), Timestamp.from(now), today, "Reader " + customer,
                            "Lesergasse " + customer, purchase, chargeId);
                    update(connection, line, invoiceId, today, today);
                    update(connection, summary, invoiceId);
                    connection.commit();
                    return counter;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Whether the series counted exactly the invoices written, and their numbers run from 1 without gap. */
        String verify(long expected) {
            List<String> problems = new ArrayList<>();
            long invoices = db.queryLong("select count(*) from " + db.table("invoice"));
            long counter = db.queryLong("select coalesce(max(counter), 0) from " + db.table("invoice_counter"));
            long numbers = db.queryLong("select count(distinct number) from " + db.table("invoice"));
            if (invoices != expected) {
                problems.add(invoices + " invoices stored, " + expected + " issued");
            }
            if (counter != invoices || numbers != invoices) {
                problems.add("counter at " + counter + " with " + numbers + " distinct numbers for " + invoices
                        + " invoices");
            }
            return problems.isEmpty() ? expected + " invoices, numbered 1 to " + counter + " without gap"
                    : "PROBLEMS: " + problems;
        }

        private static void update(Connection connection, String sql, Object... params) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                statement.executeUpdate();
            }
        }
    }
}
