package org.plenigo.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.plenigo.core.Require;
import org.plenigo.core.StorageException;
import org.plenigo.core.ValidationException;
import org.plenigo.core.access.AccessRightItemRepository;
import org.plenigo.core.access.MeterRepository;
import org.plenigo.core.access.SponsorGrantRepository;
import org.plenigo.core.catalog.AccessRightRepository;
import org.plenigo.core.catalog.CreditProductRepository;
import org.plenigo.core.catalog.OfferRepository;
import org.plenigo.core.catalog.ProductContractRepository;
import org.plenigo.core.catalog.WalletRepository;
import org.plenigo.core.checkout.OrderRepository;
import org.plenigo.core.consent.ConsentRepository;
import org.plenigo.core.customer.CustomerRepository;
import org.plenigo.core.idempotency.IdempotencyRepository;
import org.plenigo.core.invoice.InvoiceNumberRepository;
import org.plenigo.core.invoice.InvoiceRepository;
import org.plenigo.core.payment.PaymentMethodRepository;
import org.plenigo.core.payment.PaymentRepository;
import org.plenigo.core.store.Store;
import org.plenigo.core.store.Transactions;
import org.plenigo.core.subscription.SubscriptionRepository;
import org.plenigo.core.tax.TaxRuleRepository;
import org.plenigo.core.wallet.CreditLotRepository;
import org.plenigo.core.wallet.CustomerWalletRepository;
import org.plenigo.core.wallet.LedgerRepository;

/**
 * The store on PostgreSQL (14 and newer) or H2, over plain JDBC with prepared statements. Thread-safe.
 *
 * <pre>{@code
 * Store store = JdbcStore.builder(dataSource).schema("shop").tablePrefix("plenigo_").build();
 * }</pre>
 *
 * <p>Uniqueness (ids, idempotency keys, one ledger sequence number per wallet, one customer wallet
 * per customer and wallet, one count per content viewed and per sponsored reader) is enforced by
 * constraints, balances and reader budgets by conditional updates plus check constraints, and a
 * meter's limit by a conditional update, so several application nodes may share one database. {@link Transactions#read} on a
 * connection in auto-commit mode runs statement by statement, without a transaction to begin and
 * commit.
 */
public final class JdbcStore implements Store {
    /** The Flyway migration location of each database, for a host that runs the migrations itself. */
    public static final String POSTGRESQL_MIGRATIONS = Dialect.POSTGRESQL.migrationLocation();
    public static final String H2_MIGRATIONS = Dialect.H2.migrationLocation();

    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{0,20}");
    private static final String UNIQUE_VIOLATION = "23505";
    /** H2's error code of a lock wait that timed out ({@code ErrorCode.LOCK_TIMEOUT_1}). */
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final Duration MIGRATION_LOCK_WAIT = Duration.ofMinutes(5);

    private final Dialect dialect;
    private final Tables tables;
    private final JdbcTransactions transactions;
    private final JdbcCatalog catalog;
    private final JdbcRecords records;
    private final JdbcSubscriptions subscriptions;
    private final JdbcWallets wallets;
    private final JdbcAccess access;
    private final JdbcBilling billing;
    private final JdbcPayments payments;
    private final JdbcCheckout checkout;
    private final JdbcPaymentRecords paymentRecords;

    private JdbcStore(Builder builder, Dialect dialect) {
        this.dialect = dialect;
        this.tables = new Tables(dialect.identifier(builder.schema), dialect.identifier(builder.tablePrefix));
        this.transactions = new JdbcTransactions(builder.dataSource, builder.hostManagedTransactions);
        Sql sql = new Sql(transactions, dialect);
        this.catalog = new JdbcCatalog(sql, tables);
        this.records = new JdbcRecords(sql, tables);
        this.subscriptions = new JdbcSubscriptions(sql, tables);
        this.wallets = new JdbcWallets(sql, tables);
        this.access = new JdbcAccess(sql, tables);
        this.billing = new JdbcBilling(sql, tables, dialect);
        this.payments = new JdbcPayments(sql, tables);
        this.checkout = new JdbcCheckout(sql, tables);
        this.paymentRecords = new JdbcPaymentRecords(sql, tables);
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The database this store runs on. */
    public Dialect dialect() {
        return dialect;
    }

    /** The schema holding the store's tables, spelled as the database stores it. */
    public String schema() {
        return tables.schema();
    }

    /** The prefix of the store's table names, spelled as the database stores it. */
    public String tablePrefix() {
        return tables.prefix();
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public ProductContractRepository productContracts() {
        return catalog.productContracts;
    }

    @Override
    public WalletRepository walletDefinitions() {
        return catalog.wallets;
    }

    @Override
    public AccessRightRepository accessRights() {
        return catalog.accessRights;
    }

    @Override
    public OfferRepository offers() {
        return catalog.offers;
    }

    @Override
    public CustomerRepository customers() {
        return records.customers;
    }

    @Override
    public SubscriptionRepository subscriptions() {
        return subscriptions;
    }

    @Override
    public CustomerWalletRepository customerWallets() {
        return wallets.customerWallets;
    }

    @Override
    public CreditLotRepository creditLots() {
        return wallets.creditLots;
    }

    @Override
    public LedgerRepository ledger() {
        return wallets.ledger;
    }

    @Override
    public IdempotencyRepository idempotency() {
        return records.idempotency;
    }

    @Override
    public CreditProductRepository creditProducts() {
        return catalog.creditProducts;
    }

    @Override
    public AccessRightItemRepository accessRightItems() {
        return access.accessRightItems;
    }

    @Override
    public MeterRepository meters() {
        return access.meters;
    }

    @Override
    public SponsorGrantRepository sponsorGrants() {
        return access.sponsorGrants;
    }

    @Override
    public TaxRuleRepository taxRules() {
        return billing.taxRules;
    }

    @Override
    public InvoiceRepository invoices() {
        return billing.invoices;
    }

    @Override
    public InvoiceNumberRepository invoiceNumbers() {
        return billing.invoiceNumbers;
    }

    @Override
    public PaymentMethodRepository paymentMethods() {
        return payments;
    }

    @Override
    public ConsentRepository consents() {
        return checkout.consents;
    }

    @Override
    public OrderRepository orders() {
        return checkout.orders;
    }

    @Override
    public PaymentRepository payments() {
        return paymentRecords;
    }

    /** Configures a {@link JdbcStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private Dialect dialect;
        private String schema = "public";
        private String tablePrefix = "plenigo_";
        private SchemaMode schemaMode = SchemaMode.MIGRATE;
        private boolean hostManagedTransactions;

        private Builder(DataSource dataSource) {
            this.dataSource = Require.notNull(dataSource, "dataSource");
        }

        /** The database; detected from the connection's metadata unless set. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Require.notNull(dialect, "dialect");
            return this;
        }

        /** The schema of the store's tables; default {@code public}. A plain identifier of up to 40 characters. */
        public Builder schema(String schema) {
            Require.notNull(schema, "schema");
            Require.that(SCHEMA.matcher(schema).matches(),
                    "schema must be a plain identifier (letters, digits, _; at most 40), was '" + schema + "'");
            this.schema = schema;
            return this;
        }

        /** Prefix of every table name (and of the Flyway history table); default {@code plenigo_}. */
        public Builder tablePrefix(String tablePrefix) {
            Require.notNull(tablePrefix, "tablePrefix");
            Require.that(PREFIX.matcher(tablePrefix).matches(),
                    "tablePrefix must be letters, digits or _ (at most 20), was '" + tablePrefix + "'");
            this.tablePrefix = tablePrefix;
            return this;
        }

        /** Whether the store migrates, only validates, or leaves its schema alone; default {@link SchemaMode#MIGRATE}. */
        public Builder schemaMode(SchemaMode schemaMode) {
            this.schemaMode = Require.notNull(schemaMode, "schemaMode");
            return this;
        }

        /**
         * Joins the transaction the host already manages instead of running its own: the data source
         * must hand out the connection of the host's current transaction (for Spring, wrap it in a
         * {@code TransactionAwareDataSourceProxy}), and the host commits or rolls back. An exception
         * from the store then means the host must roll back.
         */
        public Builder joinHostTransactions() {
            this.hostManagedTransactions = true;
            return this;
        }

        /**
         * Builds the store and, as configured, migrates or validates its schema.
         *
         * @throws StorageException if the database cannot be reached or its schema is not as expected
         * @throws ValidationException if no dialect is set and the database is neither PostgreSQL nor H2
         */
        public JdbcStore build() {
            Dialect effective = dialect != null ? dialect : detect();
            JdbcStore store = new JdbcStore(this, effective);
            if (schemaMode != SchemaMode.NONE) {
                Flyway flyway = flyway(store);
                try {
                    if (schemaMode == SchemaMode.MIGRATE) {
                        migrate(flyway, store);
                    } else {
                        flyway.validate();
                    }
                } catch (FlywayException e) {
                    throw new StorageException("schema " + schemaMode.name().toLowerCase() + " failed: "
                            + e.getMessage(), e);
                }
            }
            return store;
        }

        /**
         * Migrates. On PostgreSQL, Flyway serialises nodes migrating at once with an advisory lock.
         * On H2 it locks the rows of its history table ({@code select ... for update}), and a node
         * that finds the table the other node is still creating finds no row to lock: both run V1,
         * and the loser leaves a failed migration that only a manual repair clears. So on H2 each
         * node first locks the one row of {@code <prefix>schema_lock} on a connection of its own
         * and holds it while Flyway migrates: the second node waits, then finds every migration
         * applied. The lock table is a global temporary table, created if missing: H2 drops it
         * when the database closes, and Flyway, which refuses to migrate a schema holding tables
         * but no history table, does not count it.
         */
        private void migrate(Flyway flyway, JdbcStore store) {
            if (store.dialect != Dialect.H2) {
                flyway.migrate();
                return;
            }
            String lock = store.tables.of("schema_lock");
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                try (Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(true);
                    createIfMissing(statement, "create schema if not exists " + store.tables.schema());
                    createIfMissing(statement, "create global temporary table if not exists " + lock
                            + " (id int primary key)");
                    try {
                        statement.execute("insert into " + lock + " (id) select 1 where not exists (select id from "
                                + lock + ")");
                    } catch (SQLException e) {
                        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                        // another node inserted the row first: it is there
                    }
                    connection.setAutoCommit(false);
                    try {
                        awaitLock(statement, "select id from " + lock + " where id = 1 for update");
                        flyway.migrate();
                    } finally {
                        connection.rollback();
                    }
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw new StorageException("could not lock the schema for its migration: " + e.getMessage(), e);
            }
        }

        /**
         * Runs a {@code create ... if not exists}. On H2 two sessions running it at once can both
         * miss the object and one then fails; run again, it finds the object and does nothing.
         */
        private static void createIfMissing(Statement statement, String ddl) throws SQLException {
            try {
                statement.execute(ddl);
            } catch (SQLException first) {
                try {
                    statement.execute(ddl);
                } catch (SQLException second) {
                    second.addSuppressed(first);
                    throw second;
                }
            }
        }

        /**
         * Runs the locking query, waiting as long as another node may take to migrate: the database's
         * lock timeout (one second by default on H2) is far shorter.
         */
        private static void awaitLock(Statement statement, String query) throws SQLException {
            long deadline = System.nanoTime() + MIGRATION_LOCK_WAIT.toNanos();
            while (true) {
                try {
                    statement.executeQuery(query).close();
                    return;
                } catch (SQLException e) {
                    if (e.getErrorCode() != H2_LOCK_TIMEOUT || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                }
            }
        }

        private Flyway flyway(JdbcStore store) {
            return Flyway.configure(JdbcStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(store.dialect.migrationLocation())
                    .schemas(store.tables.schema())
                    .defaultSchema(store.tables.schema())
                    .table(store.tables.prefix() + "schema_history")
                    .placeholders(Map.of("prefix", store.tables.prefix()))
                    .createSchemas(true)
                    .load();
        }

        private Dialect detect() {
            try (Connection connection = dataSource.getConnection()) {
                return Dialect.detect(connection.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new StorageException("could not reach the database: " + e.getMessage(), e);
            }
        }
    }
}
