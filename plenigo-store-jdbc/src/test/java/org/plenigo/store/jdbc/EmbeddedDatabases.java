package org.plenigo.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases the JDBC tests run on: one real PostgreSQL server per test JVM (started from the
 * embedded binaries, {@code synchronous_commit} on, so commits are as durable as in production),
 * and fresh in-memory H2 databases.
 */
final class EmbeddedDatabases {
    private static final AtomicInteger H2_COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private EmbeddedDatabases() {
    }

    /** The shared PostgreSQL server's {@code postgres} database, unpooled. */
    static synchronized DataSource postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres.getPostgresDatabase();
    }

    /** A new, empty in-memory H2 database that lives until the JVM ends. */
    static DataSource newH2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:plenigo" + H2_COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
        return dataSource;
    }

    /** Empties every table of the store (PostgreSQL), keeping the schema. */
    static void truncate(DataSource dataSource, JdbcStore store) {
        List<String> tables = List.of("consent", "checkout_order_question", "checkout_order_line", "checkout_order",
                "payment_method", "invoice_tax_summary", "invoice_line", "invoice", "invoice_counter",
                "tax_rule_lock", "tax_rule", "sponsor_reader", "sponsor_grant_code", "sponsor_grant_ip_range",
                "sponsor_grant_domain", "sponsor_grant_content", "sponsor_grant_right", "sponsor_grant", "meter_view",
                "meter", "access_right_item", "credit_product_content", "credit_product", "payment", "idempotency_record", "ledger_entry", "credit_lot", "subscription",
                "customer_wallet", "customer", "offer_access_right", "offer", "access_right", "wallet",
                "product_contract");
        StringBuilder sql = new StringBuilder("truncate table ");
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(store.schema()).append('.').append(store.tablePrefix()).append(tables.get(i));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the store's tables", e);
        }
    }
}
