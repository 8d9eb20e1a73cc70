package org.plenigo.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.StorageException;
import org.plenigo.core.store.AfterCommitActions;
import org.plenigo.core.store.Transactions;

/**
 * Units of work on a {@link DataSource}. The connection of a unit of work is bound to its thread.
 * In the default mode the store opens the connection, switches off auto-commit on it (restoring it
 * before giving the connection back), commits on success and rolls back on any exception. In
 * host-managed mode the connection belongs to a transaction the host manages (a transaction-aware
 * DataSource): the store neither commits, rolls back nor touches auto-commit, and an exception
 * tells the host to roll back. There each unit of work runs from a savepoint of its own and an
 * exception rolls back to it: a refusal is an answer the host commits, and a unit of work that
 * lost a race is run again, so neither may leave its writes behind.
 *
 * <p>A unit of work nested in another (in either mode) runs from a savepoint too, released when it
 * returns and rolled back to when it throws, so that it never leaves half of itself in the outer
 * one, and so that the outer one stays usable on PostgreSQL, where a failed statement otherwise
 * spoils the whole transaction. Actions to run after commit are kept with the bound connection,
 * dropped with the savepoint of a nested unit of work that rolls back, and run once the outermost
 * unit of work has committed and its connection is unbound.
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
        /** What to run once the outermost unit of work on this connection has committed. */
        final List<Runnable> afterCommit = new ArrayList<>();

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
            return nested(bound, work);
        }
        if (bound != null) {
            bound.statementByStatement = false;
            T result;
            try {
                result = atomically(bound.connection, work);
            } catch (Throwable e) {
                bound.afterCommit.clear();
                throw e;
            } finally {
                bound.statementByStatement = true;
            }
            AfterCommitActions.runAndClear(bound.afterCommit);
            return result;
        }
        Connection connection = open();
        Bound opened = new Bound(connection, false);
        current.set(opened);
        T result;
        try {
            result = atomically(connection, work);
        } finally {
            current.remove();
            close(connection);
        }
        AfterCommitActions.runAndClear(opened.afterCommit);
        return result;
    }

    @Override
    public <T> T read(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Connection connection = open();
        Bound bound;
        T result;
        try {
            boolean autoCommit;
            try {
                autoCommit = connection.getAutoCommit();
            } catch (SQLException e) {
                throw new StorageException("could not start a read: " + e.getMessage(), e);
            }
            bound = new Bound(connection, autoCommit);
            current.set(bound);
            result = autoCommit ? work.get() : atomically(connection, work);
        } finally {
            current.remove();
            close(connection);
        }
        AfterCommitActions.runAndClear(bound.afterCommit);
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        Bound bound = current.get();
        if (bound == null || bound.statementByStatement) {
            action.run();
        } else {
            bound.afterCommit.add(action);
        }
    }

    /** The connection of the current unit of work. */
    Connection connection() {
        Bound bound = current.get();
        if (bound == null) {
            throw new PlenigoException(ErrorCode.NO_TRANSACTION,
                    "the JDBC store is used only inside Transactions.inTransaction or read");
        }
        return bound.connection;
    }

    /** Runs {@code work} inside the unit of work of {@code bound}, from a savepoint of its own. */
    private <T> T nested(Bound bound, Supplier<T> work) {
        Connection connection = bound.connection;
        int actionMark = bound.afterCommit.size();
        Savepoint savepoint;
        try {
            // a host-managed connection in auto-commit mode has no transaction to nest in: every statement stands alone
            savepoint = hostManaged && connection.getAutoCommit() ? null : connection.setSavepoint();
        } catch (SQLException e) {
            throw new StorageException("could not start a nested unit of work: " + e.getMessage(), e);
        }
        T result;
        try {
            result = work.get();
        } catch (Throwable e) {
            // also a checked exception thrown sneakily through the Supplier must not leave half a unit of work
            rollbackNested(bound, savepoint, actionMark, e);
            throw e;
        }
        if (savepoint != null) {
            try {
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                rollbackNested(bound, savepoint, actionMark, e);
                throw new StorageException("could not end a nested unit of work: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private void rollbackNested(Bound bound, Savepoint savepoint, int actionMark, Throwable cause) {
        if (savepoint != null) {
            rollbackQuietly(bound.connection, savepoint, cause);
        }
        bound.afterCommit.subList(actionMark, bound.afterCommit.size()).clear();
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
            if (savepoint != null) {
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
