package org.plenigo.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts and times what goes to the database: every executed statement (by its
 * SQL text), every commit and rollback, and the auto-commit calls (which the PostgreSQL driver
 * answers without a round trip). Optionally keeps the calls of the current thread in order.
 */
final class CountingDataSource implements DataSource {
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch");
    private static final Set<String> TRANSACTION = Set.of("commit", "rollback", "setAutoCommit", "getAutoCommit");

    /** Count and total time of one kind of call. */
    static final class Tally {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    private final DataSource delegate;
    private final String tablePrefix;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final ThreadLocal<List<String>> trace = new ThreadLocal<>();

    /** @param tablePrefix the schema and prefix to strip from table names in labels, e.g. {@code public.plenigo_} */
    CountingDataSource(DataSource delegate, String tablePrefix) {
        this.delegate = delegate;
        this.tablePrefix = tablePrefix;
    }

    void reset() {
        tallies.clear();
    }

    /** Starts keeping this thread's calls in order. */
    void startTrace() {
        trace.set(new ArrayList<>());
    }

    List<String> stopTrace() {
        List<String> calls = trace.get();
        trace.remove();
        return calls;
    }

    /** The tallies by label, most time first. */
    List<Map.Entry<String, Tally>> tallies() {
        List<Map.Entry<String, Tally>> list = new ArrayList<>(tallies.entrySet());
        list.sort(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().nanos.sum()).reversed());
        return list;
    }

    private void record(String label, long nanos) {
        Tally tally = tallies.computeIfAbsent(label, l -> new Tally());
        tally.count.increment();
        tally.nanos.add(nanos);
        List<String> calls = trace.get();
        if (calls != null) {
            calls.add(label);
        }
    }

    String label(String sql) {
        return sql.replaceAll("\\s+", " ").replace(tablePrefix, "").trim();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(delegate.getConnection(username, password));
    }

    private Connection connection(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("prepareStatement") && args != null && args.length >= 1 && args[0] instanceof String sql) {
                return statement(PreparedStatement.class, (Statement) invoke(real, method, args), label(sql));
            }
            if (name.equals("createStatement")) {
                return statement(Statement.class, (Statement) invoke(real, method, args), null);
            }
            if (TRANSACTION.contains(name)) {
                long start = System.nanoTime();
                Object result = invoke(real, method, args);
                record(name.equals("setAutoCommit") ? "setAutoCommit(" + args[0] + ")" : name + "()",
                        System.nanoTime() - start);
                return result;
            }
            return invoke(real, method, args);
        };
        return (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private Object statement(Class<? extends Statement> type, Statement real, String preparedLabel) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (!EXECUTE.contains(method.getName())) {
                return invoke(real, method, args);
            }
            String label = preparedLabel != null ? preparedLabel
                    : args != null && args.length > 0 && args[0] instanceof String sql ? label(sql) : "(batch)";
            long start = System.nanoTime();
            try {
                return invoke(real, method, args);
            } finally {
                record(label, System.nanoTime() - start);
            }
        };
        return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
