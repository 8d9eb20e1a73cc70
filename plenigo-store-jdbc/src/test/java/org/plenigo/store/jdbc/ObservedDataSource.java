package org.plenigo.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A test data source over another that records what the store does with it: the connections it
 * takes, the SQL it prepares, and the calls that end or shape a transaction (commit, rollback,
 * auto-commit, savepoints). It can also run an action on a connection just before a chosen
 * statement is prepared on it, e.g. have the database end that connection's session, so that the
 * statement then fails the way it would in production.
 */
final class ObservedDataSource extends WrappingDataSource {
    /** Something done to a connection from the outside. */
    @FunctionalInterface
    interface ConnectionAction {
        void run(Connection connection) throws SQLException;
    }

    private static final Set<String> TRANSACTION_CALLS = Set.of("commit", "rollback", "setAutoCommit",
            "setSavepoint", "releaseSavepoint", "setTransactionIsolation");
    private static final Set<String> STATEMENT_CALLS = Set.of("prepareStatement", "prepareCall", "createStatement",
            "nativeSQL");

    /** Where the connections come from. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource source;
    private final AtomicInteger connectionsTaken = new AtomicInteger();
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final List<String> transactionCalls = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> actionAt;
    private volatile ConnectionAction action;

    ObservedDataSource(DataSource target) {
        this(target::getConnection);
    }

    private ObservedDataSource(ConnectionSource source) {
        this.source = source;
    }

    /**
     * Hands out {@code connection} every time, the way a transaction-aware data source hands out the
     * connection of the host's current transaction: closing what it hands out only releases it.
     */
    static ObservedDataSource holding(Connection connection) {
        return new ObservedDataSource(() -> (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    return invoke(method, connection, args);
                }));
    }

    /** Runs {@code action} on the connection just before the next statement whose SQL matches is prepared on it. */
    void beforeStatement(Predicate<String> sql, ConnectionAction action) {
        this.action = action;
        this.actionAt = sql;
    }

    int connectionsTaken() {
        return connectionsTaken.get();
    }

    /** The SQL of every statement prepared so far, in order. */
    List<String> statements() {
        return List.copyOf(statements);
    }

    /** Every call of commit, rollback, setAutoCommit and the savepoint methods so far, e.g. {@code setAutoCommit(false)}. */
    List<String> transactionCalls() {
        return List.copyOf(transactionCalls);
    }

    /** Forgets what was recorded so far. */
    void reset() {
        connectionsTaken.set(0);
        statements.clear();
        transactionCalls.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        connectionsTaken.incrementAndGet();
        Connection connection = source.open();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (TRANSACTION_CALLS.contains(name)) {
                transactionCalls.add(name + "(" + (args == null ? "" : Arrays.stream(args)
                        .map(a -> a instanceof Savepoint ? "savepoint" : String.valueOf(a))
                        .collect(Collectors.joining(", "))) + ")");
            }
            if (STATEMENT_CALLS.contains(name)) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : "<" + name + ">";
                statements.add(sql);
                Predicate<String> trigger = actionAt;
                if (trigger != null && trigger.test(sql)) {
                    ConnectionAction todo = action;
                    actionAt = null;
                    action = null;
                    todo.run(connection);
                }
            }
            return invoke(method, connection, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                handler);
    }
}
