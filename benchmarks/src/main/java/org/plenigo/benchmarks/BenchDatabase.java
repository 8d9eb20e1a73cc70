package org.plenigo.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.plenigo.store.jdbc.JdbcStore;
import org.plenigo.store.jdbc.SchemaMode;

/**
 * A fresh embedded PostgreSQL server with {@code synchronous_commit} on (the embedded builder turns
 * it off by default), a HikariCP pool on it, and the store's schema migrated. Also the plain SQL
 * the benchmarks use to load data in bulk and to check the books afterwards.
 */
final class BenchDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;
    private final JdbcStore store;

    private BenchDatabase(EmbeddedPostgres postgres, HikariDataSource pool, JdbcStore store) {
        this.postgres = postgres;
        this.pool = pool;
        this.store = store;
    }

    /** Starts a server and a pool of exactly {@code poolSize} connections, and migrates the schema. */
    static BenchDatabase start(int poolSize) {
        return start(poolSize, null);
    }

    /**
     * Like {@link #start(int)}, but on the data directory {@code dataDirectory}, which is kept when the
     * server stops, so that a later start finds the data of an earlier one (null: a fresh temporary one).
     */
    static BenchDatabase start(int poolSize, Path dataDirectory) {
        EmbeddedPostgres postgres;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setPoolName("bench");
        // Flyway holds two connections while it migrates or validates; the pool may have fewer
        JdbcStore.builder(postgres.getPostgresDatabase()).build();
        HikariDataSource pool = new HikariDataSource(config);
        JdbcStore store = JdbcStore.builder(pool).schemaMode(SchemaMode.NONE).build();
        return new BenchDatabase(postgres, pool, store);
    }

    DataSource pool() {
        return pool;
    }

    JdbcStore store() {
        return store;
    }

    /**
     * A second Hikari pool of {@code poolSize} connections to the same server, as another
     * application node would have; the caller closes it.
     */
    HikariDataSource secondPool(int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setPoolName("bench-second");
        return new HikariDataSource(config);
    }

    /** A second store on another data source (e.g. an instrumented one) over the same, already migrated schema. */
    JdbcStore storeOn(DataSource dataSource) {
        return JdbcStore.builder(dataSource).schemaMode(SchemaMode.NONE).build();
    }

    /** The qualified name of one of the store's tables. */
    String table(String name) {
        return store.schema() + "." + store.tablePrefix() + name;
    }

    String serverVersion() {
        return queryString("show server_version") + " (" + queryString("select version()") + ")";
    }

    String setting(String name) {
        return queryString("select current_setting(?)", name);
    }

    int update(String sql, Object... params) {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    long queryLong(String sql, Object... params) {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    String queryString(String sql, Object... params) {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * After a bulk load: vacuums and analyzes the store's tables, as autovacuum would on a database
     * in use, and checkpoints, so that the load's writes are not flushed during the measurement.
     */
    void settle() {
        settle("customer", "customer_wallet", "credit_lot", "ledger_entry", "subscription", "payment",
                "idempotency_record");
    }

    /** {@link #settle()} for the given tables of the store. */
    void settle(String... tables) {
        for (String t : tables) {
            update("vacuum analyze " + table(t));
        }
        update("checkpoint");
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object value = params[i] instanceof Instant instant ? utc(instant) : params[i];
            statement.setObject(i + 1, value);
        }
        return statement;
    }

    @Override
    public void close() {
        pool.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
