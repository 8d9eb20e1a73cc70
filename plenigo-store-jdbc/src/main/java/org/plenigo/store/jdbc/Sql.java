package org.plenigo.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.StorageException;

/**
 * Runs prepared statements on the current unit of work's connection. Values are always bound as
 * parameters, never spliced into SQL; instants are bound as UTC offset date-times.
 */
final class Sql {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcTransactions transactions;
    private final Dialect dialect;

    Sql(JdbcTransactions transactions, Dialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    /**
     * {@code update} as a query that answers the given columns of the rows it changed: PostgreSQL's
     * {@code returning}, H2's {@code final table}. One round trip.
     */
    String returning(String update, String columns) {
        return dialect == Dialect.POSTGRESQL ? update + " returning " + columns
                : "select " + columns + " from final table (" + update + ")";
    }

    int update(String sql, Object... params) {
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * Inserts a row unless it would violate a unique constraint; returns whether it was inserted.
     * PostgreSQL skips the row ({@code on conflict do nothing}, which keeps the transaction usable);
     * H2 reports the violation, which leaves its transaction usable.
     */
    boolean insert(String sql, Object... params) {
        if (dialect == Dialect.POSTGRESQL) {
            return update(sql + " on conflict do nothing", params) == 1;
        }
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw failure(sql, e);
        }
    }

    /**
     * Runs {@code sql} once per row of parameters as one JDBC batch. For the child rows of a record
     * just inserted (its set members, its ordered contents), where every row must apply. Returns the
     * sum of the rows changed as the driver counts them, which is exact on H2 only: PostgreSQL's
     * driver answers "no count" for rewritten batches ({@code reWriteBatchedInserts}), counted as none.
     */
    int batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = transactions.connection().prepareStatement(sql)) {
            for (Object[] params : rows) {
                bind(statement, params);
                statement.addBatch();
            }
            int changed = 0;
            for (int count : statement.executeBatch()) {
                changed += Math.max(count, 0);
            }
            return changed;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    <T> List<T> list(String sql, Row<T> row, Object... params) {
        try (PreparedStatement statement = prepare(sql, params); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        if (rows.size() > 1) {
            throw new StorageException("expected at most one row, got " + rows.size() + ": " + sql, null);
        }
        return rows.stream().findFirst();
    }

    /** {@code (?, ?, ...)} with {@code count} placeholders, at least one. */
    static String placeholders(int count) {
        Require.that(count >= 1, "an IN list needs at least one value, was " + count);
        return "(?" + ", ?".repeat(count - 1) + ")";
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
        Connection connection = transactions.connection();
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, params);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, bindable(params[i]));
        }
    }

    private static Object bindable(Object value) {
        if (value instanceof Optional<?> optional) {
            return bindable(optional.orElse(null));
        }
        if (value instanceof Instant instant) {
            // truncated, not left to the database, which may round a finer instant up past a boundary
            return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Record) {
            // ids are single-value records; their text is their value
            return value.toString();
        }
        return value;
    }

    private static StorageException failure(String sql, SQLException e) {
        return new StorageException("statement failed (SQL state " + e.getSQLState() + "): " + e.getMessage()
                + " [" + sql + "]", e);
    }
}
