package org.plenigo.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
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
 * touches auto-commit, and an exception tells the host to roll back. There each unit of work runs
 * from a savepoint of its own and an exception rolls back to it: a refusal is an answer the host
 * commits, and a unit of work that lost a race is run again, so neither may leave its writes behind.
 *
 * <p>A {@link #read} on a connection in auto-commit mode runs each statement as its own implicit
 * transaction: nothing is switched, begun or committed, so a read of one statement is one round
 * trip. On a connection that is not in auto-commit mode (a host transaction, a pool configured so)
 * it runs like a unit of work. A unit of work started inside such a statement-by-statement read
 * runs on the read's connection as a unit of work of its own.
 */
final class JdbcTransactions implements Transactions {
    /** The connection bound to a thread, and whether it runs statement by statement (an auto-commit read). */
    private static final class Bound {
        final Connection connection;
        boolean statementByStatement;

        Bound(Connection connection, boolean statementByStatement) {
            this.connection = connection;
            this.statementByStatement = statementByStatement;
        }
    }

    private final DataSource dataSource;
    private final boolean hostManaged;
    private final ThreadLocal<Bound> current = new ThreadLocal<>();

    JdbcTransactions(DataSource dataSource, boolean hostManaged) {
        this.dataSource = dataSource;
        this.hostManaged = hostManaged;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Bound bound = current.get();
        if (bound != null && !bound.statementByStatement) {
            return work.get();
        }
        if (bound != null) {
            bound.statementByStatement = false;
            try {
                return atomically(bound.connection, work);
            } finally {
                bound.statementByStatement = true;
            }
        }
        Connection connection = open();
        current.set(new Bound(connection, false));
        try {
            return atomically(connection, work);
        } finally {
            current.remove();
            close(connection);
        }
    }

    @Override
    public <T> T read(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Connection connection = open();
        try {
            boolean autoCommit;
            try {
                autoCommit = connection.getAutoCommit();
            } catch (SQLException e) {
                throw new StorageException("could not start a read: " + e.getMessage(), e);
            }
            current.set(new Bound(connection, autoCommit));
            return autoCommit ? work.get() : atomically(connection, work);
        } finally {
            current.remove();
            close(connection);
        }
    }

    /** The connection of the current unit of work. */
    Connection connection() {
        Bound bound = current.get();
        if (bound == null) {
            throw new IllegalStateException("the JDBC store is used only inside Transactions.inTransaction or read");
        }
        return bound.connection;
    }

    /** Runs {@code work} as one unit of work on {@code connection}, bound to this thread already. */
    private <T> T atomically(Connection connection, Supplier<T> work) {
        boolean restoreAutoCommit = false;
        Savepoint savepoint = null;
        try {
            if (hostManaged) {
                // without a host transaction (auto-commit on) every statement stands alone anyway
                savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            } else if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
                restoreAutoCommit = true;
            }
            T result = work.get();
            if (!hostManaged) {
                commit(connection);
            } else if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly(connection, savepoint, e);
            throw new StorageException("could not start or end a unit of work: " + e.getMessage(), e);
        } catch (Throwable e) {
            // also a checked exception thrown sneakily through the Supplier must not commit half a unit of work
            rollbackQuietly(connection, savepoint, e);
            throw e;
        } finally {
            if (restoreAutoCommit) {
                restoreAutoCommit(connection);
            }
        }
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

    private void rollbackQuietly(Connection connection, Savepoint savepoint, Throwable cause) {
        if (hostManaged && savepoint == null) {
            return;
        }
        try {
            if (hostManaged) {
                connection.rollback(savepoint);
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // a broken connection is closed by the caller and discarded by its pool
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
