package org.plenigo.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A test data source that keeps one physical connection per thread (so tests do not pay for a new
 * database session per unit of work) and can break the connection at a chosen statement, the way
 * a lost network or a killed backend would. Closing a handed-out connection keeps the physical one
 * open for the thread's next unit of work; a broken one is replaced.
 */
final class ThreadConnectionDataSource extends WrappingDataSource {
    private final DataSource target;
    private final ThreadLocal<Connection> physical = new ThreadLocal<>();
    private final List<Connection> all = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> breakAt;
    private volatile boolean breakOnCommit;

    ThreadConnectionDataSource(DataSource target) {
        this.target = target;
    }

    /** The next statement whose SQL matches breaks its connection (closed, statement fails). */
    void breakConnectionAt(Predicate<String> statement) {
        this.breakAt = statement;
    }

    /**
     * The next commit reaches the database but its answer is lost: the connection breaks right after
     * the commit, so the caller cannot know the outcome.
     */
    void breakConnectionAfterNextCommit() {
        this.breakOnCommit = true;
    }

    /** Closes every physical connection. */
    void closeAll() {
        for (Connection connection : all) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already gone
            }
        }
        all.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = physical.get();
        if (connection == null || connection.isClosed() || !connection.isValid(2)) {
            connection = target.getConnection();
            physical.set(connection);
            all.add(connection);
        }
        Connection held = connection;
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "close":
                    return null;
                case "prepareStatement":
                    Predicate<String> trigger = breakAt;
                    if (trigger != null && trigger.test((String) args[0])) {
                        breakAt = null;
                        held.close();
                        throw new SQLException("connection broken by the test before: " + args[0], "08006");
                    }
                    break;
                case "commit":
                    if (breakOnCommit) {
                        breakOnCommit = false;
                        held.commit();
                        held.close();
                        throw new SQLException("connection broken by the test after commit", "08006");
                    }
                    break;
                default:
                    break;
            }
            return invoke(method, held, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                handler);
    }
}
