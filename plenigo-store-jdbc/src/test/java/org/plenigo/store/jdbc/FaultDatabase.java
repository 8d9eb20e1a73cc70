package org.plenigo.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The databases the fault tests run on, each with an empty store (default prefix) and its own way
 * to end another session from a second connection, the way an operator or a failover would.
 */
enum FaultDatabase {
    /** The shared embedded PostgreSQL server, store in schema {@value #POSTGRES_SCHEMA}, emptied per call. */
    POSTGRESQL {
        private JdbcStore migrated;

        @Override
        synchronized DataSource emptyStore() {
            DataSource server = EmbeddedDatabases.postgres();
            if (migrated == null) {
                migrated = JdbcStore.builder(server).schema(POSTGRES_SCHEMA).build();
            }
            EmbeddedDatabases.truncate(server, migrated);
            return server;
        }

        @Override
        JdbcStore.Builder layout(JdbcStore.Builder builder) {
            return builder.dialect(Dialect.POSTGRESQL).schema(POSTGRES_SCHEMA);
        }

        @Override
        long sessionOf(Connection connection) throws SQLException {
            return single(connection, "select pg_backend_pid()");
        }

        @Override
        boolean waitsForALock(DataSource database, long session) throws SQLException {
            return query(database, "select wait_event_type = 'Lock' from pg_stat_activity where pid = ?", session);
        }

        @Override
        void endSession(DataSource database, Connection victim) throws SQLException {
            long pid = sessionOf(victim);
            // the timeout makes the call wait until the backend process has really gone
            try (Connection admin = database.getConnection();
                 PreparedStatement terminate = admin.prepareStatement("select pg_terminate_backend(?, 10000)")) {
                terminate.setInt(1, (int) pid);
                requireTrue(terminate, "backend " + pid + " was not terminated");
            }
        }
    },

    /** A new in-memory H2 database per call. */
    H2 {
        @Override
        DataSource emptyStore() {
            DataSource database = EmbeddedDatabases.newH2();
            JdbcStore.builder(database).build();
            return database;
        }

        @Override
        JdbcStore.Builder layout(JdbcStore.Builder builder) {
            return builder.dialect(Dialect.H2);
        }

        @Override
        long sessionOf(Connection connection) throws SQLException {
            return single(connection, "select session_id()");
        }

        @Override
        boolean waitsForALock(DataSource database, long session) throws SQLException {
            return query(database, "select blocker_id is not null from information_schema.sessions"
                    + " where session_id = ?", session);
        }

        @Override
        void endSession(DataSource database, Connection victim) throws SQLException {
            long session = sessionOf(victim);
            try (Connection admin = database.getConnection();
                 PreparedStatement abort = admin.prepareStatement("select abort_session(?)")) {
                abort.setInt(1, (int) session);
                requireTrue(abort, "session " + session + " was not aborted");
            }
        }
    };

    static final String POSTGRES_SCHEMA = "faults";

    /** The database of an empty store (migrated, no rows), unwrapped. */
    abstract DataSource emptyStore();

    /** Sets the dialect and schema of the store that {@link #emptyStore()} prepared. */
    abstract JdbcStore.Builder layout(JdbcStore.Builder builder);

    /**
     * Ends the database session behind {@code victim} from a second connection and returns once it
     * has ended: the victim's next statement fails, its open transaction is gone. Fails with an
     * {@link IllegalStateException}, never an {@link SQLException}, if it could not, so that a
     * failed attempt cannot pass for the fault it should cause.
     */
    final void endSessionOf(DataSource database, Connection victim) {
        try {
            endSession(database, victim);
        } catch (SQLException e) {
            throw new IllegalStateException("could not end the session", e);
        }
    }

    abstract void endSession(DataSource database, Connection victim) throws SQLException;

    /** The database's id of the session behind {@code connection}. */
    abstract long sessionOf(Connection connection) throws SQLException;

    /** Whether the session waits for a lock another session holds. */
    abstract boolean waitsForALock(DataSource database, long session) throws SQLException;

    private static long single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean query(DataSource database, String query, long session) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setInt(1, (int) session);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void requireTrue(PreparedStatement statement, String otherwise) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                throw new IllegalStateException(otherwise);
            }
        }
    }
}
