package org.plenigo.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.plenigo.core.StorageException;
import org.plenigo.core.store.Transactions;

/**
 * Units of work on a {@link DataSource}. The connection of a unit of work is bound to its thread;
 * nested calls join it. In the default mode the store opens the connection, switches off
 * auto-commit on it (restoring it before giving the connection back), commits on success and
 * rolls back on any exception. In host-managed mode the connection belongs to a transaction the
 * host manages (a transaction-aware DataSource): the store neither commits, rolls back nor
 * touches auto-commit, and an exception tells the host to roll back.
 */
final class JdbcTransactions implements Transactions {
    private final DataSource dataSource;
    private final boolean hostManaged;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    JdbcTransactions(DataSource dataSource, boolean hostManaged) {
        this.dataSource = dataSource;
        this.hostManaged = hostManaged;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Connection connection = open();
        boolean restoreAutoCommit = false;
        current.set(connection);
        try {
            if (!hostManaged && connection.getAutoCommit()) {
                connection.setAutoCommit(false);
                restoreAutoCommit = true;
            }
            T result = work.get();
            if (!hostManaged) {
                commit(connection);
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly(connection, e);
            throw new StorageException("could not start a unit of work: " + e.getMessage(), e);
        } catch (Throwable e) {
            // also a checked exception thrown sneakily through the Supplier must not commit half a unit of work
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            current.remove();
            close(connection, restoreAutoCommit);
        }
    }

    /** The connection of the current unit of work. */
    Connection connection() {
        Connection connection = current.get();
        if (connection == null) {
            throw new IllegalStateException("the JDBC store is used only inside Transactions.inTransaction");
        }
        return connection;
    }

    private Connection open() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("could not get a connection: " + e.getMessage(), e);
        }
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            // The commit may or may not have reached the database. Nothing is guessed here: every
            // operation that moves money or credits is idempotent, so the caller resolves the
            // outcome by sending the same request with the same key again.
            throw new StorageException("commit failed, its outcome is unknown; retry with the same idempotency key: "
                    + e.getMessage(), e);
        }
    }

    private void rollbackQuietly(Connection connection, Throwable cause) {
        if (hostManaged) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void close(Connection connection, boolean restoreAutoCommit) {
        try {
            if (restoreAutoCommit && !connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // a broken connection is closed below and discarded by its pool
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}
