package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plenigo.core.StorageException;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentStatus;

/**
 * What building a {@link JdbcStore} does to its schema: two instances starting at once against an
 * empty database both come up and the migrations run once; {@link SchemaMode#VALIDATE} refuses a
 * schema that is missing or was changed and accepts a migrated one; {@link SchemaMode#NONE} touches
 * nothing; and the host's own Flyway, configured as the storage guide shows, leaves a schema that
 * VALIDATE accepts; rows written before version 3 read back priced gross and without a billing
 * address.
 */
class JdbcSchemaStartupTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final int ROUNDS = 3;
    /** The start race on H2 went wrong only now and then: it is run often enough to lose it. */
    private static final int H2_ROUNDS = 200;

    // ----- two instances at once -----

    @Test
    void twoStoresStartingAtOnceOnAnEmptyPostgresSchemaBothComeUpAndMigrateOnce() throws Exception {
        DataSource server = EmbeddedDatabases.postgres();
        for (int round = 0; round < ROUNDS; round++) {
            String schema = freshName();

            List<JdbcStore> stores = startTogether(() -> JdbcStore.builder(server).schema(schema).build(),
                    () -> JdbcStore.builder(server).schema(schema).build());

            assertThat(appliedMigrations(server, schema, "plenigo_schema_history"))
                    .as("applied migrations in round %d", round).isEqualTo(shippedMigrations("postgresql"));
            assertBothWork(stores);
        }
    }

    /**
     * Rounds alternate between the default layout (schema {@code PUBLIC}, which exists) and a schema
     * of the store's own, which both nodes create at once. H2's default lock timeout (one second)
     * is kept: the node that waits must not depend on the host configuring a long one. Each round's
     * database is dropped at its end.
     */
    @Test
    void twoStoresStartingAtOnceOnAnEmptyH2DatabaseBothComeUpAndMigrateOnce() throws Exception {
        for (int round = 0; round < H2_ROUNDS; round++) {
            String url = "jdbc:h2:mem:" + freshName() + ";DB_CLOSE_DELAY=-1";
            boolean ownSchema = round % 2 == 1;
            Supplier<JdbcStore> start = ownSchema
                    ? () -> JdbcStore.builder(h2(url)).schema("shop").tablePrefix("pl_").build()
                    : () -> JdbcStore.builder(h2(url)).build();
            try {
                List<JdbcStore> stores = startTogether(start, start);

                assertThat(ownSchema ? appliedMigrations(h2(url), "SHOP", "PL_schema_history")
                        : appliedMigrations(h2(url), "PUBLIC", "PLENIGO_schema_history"))
                        .as("applied migrations in round %d", round).isEqualTo(shippedMigrations("h2"));
                assertBothWork(stores);
            } finally {
                execute(h2(url), "shutdown");
            }
        }
    }

    // ----- schema modes -----

    @Test
    void validateOnAnEmptyPostgresSchemaFailsAndCreatesNothing() {
        DataSource server = EmbeddedDatabases.postgres();
        String schema = freshName();

        assertThatThrownBy(() -> JdbcStore.builder(server).schema(schema).schemaMode(SchemaMode.VALIDATE).build())
                .isInstanceOf(StorageException.class).hasMessageContaining("validate");
        assertThat(tables(server, schema)).isEmpty();
    }

    @Test
    void validateOnAnEmptyH2DatabaseFailsAndCreatesNothing() {
        DataSource database = EmbeddedDatabases.newH2();

        assertThatThrownBy(() -> JdbcStore.builder(database).schemaMode(SchemaMode.VALIDATE).build())
                .isInstanceOf(StorageException.class).hasMessageContaining("validate");
        assertThat(tables(database, "PUBLIC")).isEmpty();
    }

    @Test
    void validateAfterMigratePassesOnPostgres() {
        DataSource server = EmbeddedDatabases.postgres();
        String schema = freshName();
        JdbcStore migrated = JdbcStore.builder(server).schema(schema).build();

        JdbcStore validated = JdbcStore.builder(server).schema(schema).schemaMode(SchemaMode.VALIDATE).build();

        assertBothWork(List.of(migrated, validated));
    }

    @Test
    void validateAfterMigratePassesOnH2() {
        DataSource database = EmbeddedDatabases.newH2();
        JdbcStore migrated = JdbcStore.builder(database).build();

        JdbcStore validated = JdbcStore.builder(database).schemaMode(SchemaMode.VALIDATE).build();

        assertBothWork(List.of(migrated, validated));
    }

    @Test
    void validateFailsWhenAnAppliedMigrationWasChanged() throws SQLException {
        DataSource server = EmbeddedDatabases.postgres();
        String schema = freshName();
        JdbcStore.builder(server).schema(schema).build();
        execute(server, "update " + schema + ".plenigo_schema_history set checksum = checksum + 1 where version = '1'");

        assertThatThrownBy(() -> JdbcStore.builder(server).schema(schema).schemaMode(SchemaMode.VALIDATE).build())
                .isInstanceOf(StorageException.class).hasMessageContaining("checksum");
    }

    @Test
    void noneLeavesAnEmptyPostgresSchemaAlone() {
        DataSource server = EmbeddedDatabases.postgres();
        String schema = freshName();

        JdbcStore.builder(server).schema(schema).schemaMode(SchemaMode.NONE).build();

        assertThat(schemaExists(server, schema)).as("schema created").isFalse();
        assertThat(tables(server, schema)).isEmpty();
    }

    @Test
    void noneLeavesAnEmptyH2DatabaseAlone() {
        DataSource database = EmbeddedDatabases.newH2();

        JdbcStore.builder(database).schemaMode(SchemaMode.NONE).build();

        assertThat(tables(database, "PUBLIC")).isEmpty();
    }

    @Test
    void theHostsOwnFlywayAsTheStorageGuideShowsItLeavesASchemaThatValidatePasses() {
        DataSource server = EmbeddedDatabases.postgres();
        String schema = freshName();
        Flyway.configure()
                .dataSource(server)
                .locations(JdbcStore.POSTGRESQL_MIGRATIONS)
                .schemas(schema).defaultSchema(schema)
                .table("plenigo_schema_history")
                .placeholders(Map.of("prefix", "plenigo_"))
                .load()
                .migrate();

        JdbcStore store = JdbcStore.builder(server).schema(schema).schemaMode(SchemaMode.VALIDATE).build();

        assertThat(appliedMigrations(server, schema, "plenigo_schema_history")).isEqualTo(shippedMigrations("postgresql"));
        assertBothWork(List.of(store, JdbcStore.builder(server).schema(schema).schemaMode(SchemaMode.NONE).build()));
    }

    @Test
    void theHostsOwnFlywayWithTheH2LocationLeavesASchemaThatValidatePasses() {
        DataSource database = EmbeddedDatabases.newH2();
        Flyway.configure()
                .dataSource(database)
                .locations(JdbcStore.H2_MIGRATIONS)
                .schemas("PUBLIC").defaultSchema("PUBLIC")
                .table("PLENIGO_schema_history")
                .placeholders(Map.of("prefix", "PLENIGO_"))
                .load()
                .migrate();

        JdbcStore store = JdbcStore.builder(database).schemaMode(SchemaMode.VALIDATE).build();

        assertBothWork(List.of(store, JdbcStore.builder(database).schemaMode(SchemaMode.NONE).build()));
    }

    // ----- upgrades -----

    @Test
    void rowsWrittenBeforeVersion3ArePricedGrossAndHaveNoBillingAddressOnPostgres() throws SQLException {
        DataSource server = EmbeddedDatabases.postgres();
        String schema = freshName();
        assertVersion2RowsReadBackAfterUpgrade(server, JdbcStore.POSTGRESQL_MIGRATIONS, schema, "plenigo_",
                () -> JdbcStore.builder(server).schema(schema).build());
    }

    @Test
    void rowsWrittenBeforeVersion3ArePricedGrossAndHaveNoBillingAddressOnH2() throws SQLException {
        DataSource database = EmbeddedDatabases.newH2();
        assertVersion2RowsReadBackAfterUpgrade(database, JdbcStore.H2_MIGRATIONS, "PUBLIC", "PLENIGO_",
                () -> JdbcStore.builder(database).build());
    }

    /** Migrates to version 2, writes a customer and a product contract as version 2 did, then lets the store upgrade. */
    private static void assertVersion2RowsReadBackAfterUpgrade(DataSource database, String location, String schema,
                                                               String prefix, Supplier<JdbcStore> upgrade)
            throws SQLException {
        Flyway.configure().dataSource(database).locations(location).schemas(schema).defaultSchema(schema)
                .table(prefix + "schema_history").placeholders(Map.of("prefix", prefix)).target("2").load().migrate();
        execute(database, "insert into " + schema + "." + prefix + "customer (id, email, name, country, vat_id,"
                + " blocked) values ('c-old', 'old@example.org', 'Old Reader', 'DE', null, false)");
        execute(database, "insert into " + schema + "." + prefix + "product_contract (id, title, type,"
                + " price_amount, price_currency, tax_type, credits_per_top_up) values ('pc-old', 'Old pack',"
                + " 'CREDIT_BASED', 4.99, 'EUR', 'DIGITAL_NEWSPAPER', 5)");

        JdbcStore store = upgrade.get();

        assertThat(store.transactions().inTransaction(() -> store.customers().find(CustomerId.of("c-old"))))
                .contains(Customer.of(CustomerId.of("c-old"), "old@example.org", "Old Reader", "DE"));
        assertThat(store.transactions().inTransaction(() -> store.productContracts()
                .find(ProductContractId.of("pc-old")))).contains(ProductContract.creditBased(
                        ProductContractId.of("pc-old"), "Old pack", Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER,
                        5));
    }

    @Test
    void chargesRecordedBeforeVersion5BecomeSucceededPaymentsOnPostgres() throws SQLException {
        DataSource server = EmbeddedDatabases.postgres();
        String schema = freshName();
        assertVersion4ChargesBecomePayments(server, JdbcStore.POSTGRESQL_MIGRATIONS, schema, "plenigo_",
                () -> JdbcStore.builder(server).schema(schema).build());
    }

    @Test
    void chargesRecordedBeforeVersion5BecomeSucceededPaymentsOnH2() throws SQLException {
        DataSource database = EmbeddedDatabases.newH2();
        assertVersion4ChargesBecomePayments(database, JdbcStore.H2_MIGRATIONS, "PUBLIC", "PLENIGO_",
                () -> JdbcStore.builder(database).build());
    }

    /** Migrates to version 4, records a charge as version 4 did, then lets the store upgrade. */
    private static void assertVersion4ChargesBecomePayments(DataSource database, String location, String schema,
                                                            String prefix, Supplier<JdbcStore> upgrade)
            throws SQLException {
        Flyway.configure().dataSource(database).locations(location).schemas(schema).defaultSchema(schema)
                .table(prefix + "schema_history").placeholders(Map.of("prefix", prefix)).target("4").load().migrate();
        Instant at = Instant.parse("2025-03-01T09:30:00.123456Z");
        execute(database, "insert into " + schema + "." + prefix + "charge (id, idempotency_key, customer_id,"
                + " subscription_id, purchase_id, amount, currency, tax_type, description, charged_at) values"
                + " ('ch-old', 'k-old', 'c-old', null, 'p-old', 9.90, 'EUR', 'DIGITAL_NEWSPAPER', 'Single purchase',"
                + " timestamp with time zone '2025-03-01 09:30:00.123456+00')");

        JdbcStore store = upgrade.get();

        Payment migrated = store.transactions().inTransaction(() -> store.payments()
                .findByKey(IdempotencyKey.of("k-old"))).orElseThrow();
        assertThat(migrated).isEqualTo(new Payment(ChargeId.of("ch-old"), new ChargeRequest(IdempotencyKey.of("k-old"),
                CustomerId.of("c-old"), ChargeReference.singlePurchase("p-old"), Money.of("9.90", "EUR"),
                TaxType.DIGITAL_NEWSPAPER, "Single purchase", at), Optional.empty(), PaymentStatus.SUCCEEDED,
                Optional.empty(), Optional.empty(), Money.of("0.00", "EUR"), at));
    }

    // ----- helpers -----

    private static String freshName() {
        return "startup_" + NAMES.incrementAndGet();
    }

    private static DataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    /** Builds two stores from two threads released together; both must come up within a minute. */
    private static List<JdbcStore> startTogether(Supplier<JdbcStore> first, Supplier<JdbcStore> second)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CyclicBarrier gate = new CyclicBarrier(2);
        try {
            List<Future<JdbcStore>> starting = new ArrayList<>();
            for (Supplier<JdbcStore> start : List.of(first, second)) {
                starting.add(threads.submit(() -> {
                    gate.await(10, TimeUnit.SECONDS);
                    return start.get();
                }));
            }
            List<JdbcStore> stores = new ArrayList<>();
            for (Future<JdbcStore> store : starting) {
                stores.add(store.get(60, TimeUnit.SECONDS));
            }
            return stores;
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("start threads ended").isTrue();
        }
    }

    /** What one store writes, the other reads. */
    private static void assertBothWork(List<JdbcStore> stores) {
        JdbcStore writer = stores.get(0);
        JdbcStore reader = stores.get(1);
        CustomerId id = CustomerId.of("c-" + NAMES.incrementAndGet());
        writer.transactions().inTransaction(() -> writer.customers().insert(
                Customer.of(id, "reader@example.org", "Reader", "DE")));
        assertThat(reader.transactions().inTransaction(() -> reader.customers().find(id))).isPresent();
    }

    /** The versions of the migrations shipped for a database, in order. */
    private static List<String> shippedMigrations(String folder) {
        URL location = JdbcStore.class.getClassLoader().getResource("org/plenigo/store/jdbc/migration/" + folder);
        assertThat(location).as("migration folder " + folder).isNotNull();
        try {
            String[] files = new File(location.toURI()).list((dir, name) -> name.matches("V[0-9_]+__.*\\.sql"));
            assertThat(files).isNotEmpty();
            return Arrays.stream(files).map(f -> f.substring(1, f.indexOf("__")).replace('_', '.'))
                    .sorted((a, b) -> Arrays.compare(Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray(),
                            Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray()))
                    .toList();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The versions of the successful SQL migrations in a history table, in order; each once unless run twice. */
    private static List<String> appliedMigrations(DataSource database, String schema, String historyTable) {
        List<String> versions = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select \"version\", \"success\" from " + schema + ".\""
                     + historyTable + "\" where \"type\" = 'SQL' order by \"installed_rank\"")) {
            while (rs.next()) {
                assertThat(rs.getBoolean(2)).as("migration %s succeeded", rs.getString(1)).isTrue();
                versions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + schema + "." + historyTable, e);
        }
        return versions;
    }

    private static List<String> tables(DataSource database, String schema) {
        return strings(database, "select table_name from information_schema.tables where table_schema = ?", schema);
    }

    private static boolean schemaExists(DataSource database, String schema) {
        return !strings(database, "select schema_name from information_schema.schemata where schema_name = ?", schema)
                .isEmpty();
    }

    private static List<String> strings(DataSource database, String query, String parameter) {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
        return values;
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
