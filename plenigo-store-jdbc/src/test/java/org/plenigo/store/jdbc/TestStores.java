package org.plenigo.store.jdbc;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Fresh, empty JDBC stores for the contract tests. PostgreSQL stores share one server and are
 * migrated once per schema and prefix, then emptied before each test; H2 stores each get a new
 * in-memory database. The store itself runs on a {@link ThreadConnectionDataSource}, so tests can
 * break its connections.
 */
final class TestStores {
    /** The PostgreSQL layout of the second run of the contract: neither the default schema nor prefix. */
    static final String CUSTOM_SCHEMA = "shop";
    static final String CUSTOM_PREFIX = "pl_";

    private static final Map<String, JdbcStore> MIGRATED = new HashMap<>();
    private static ThreadConnectionDataSource postgres;

    private TestStores() {
    }

    /** An empty store in PostgreSQL's {@code public} schema with the default prefix. */
    static JdbcStore postgres() {
        return postgres("public", "plenigo_");
    }

    /** An empty store in PostgreSQL schema {@link #CUSTOM_SCHEMA} with prefix {@link #CUSTOM_PREFIX}. */
    static JdbcStore postgresCustomLayout() {
        return postgres(CUSTOM_SCHEMA, CUSTOM_PREFIX);
    }

    static synchronized JdbcStore postgres(String schema, String prefix) {
        DataSource server = EmbeddedDatabases.postgres();
        if (postgres == null) {
            postgres = new ThreadConnectionDataSource(server);
        }
        postgres.closeAll();
        JdbcStore store = MIGRATED.computeIfAbsent(schema + "/" + prefix, layout -> {
            JdbcStore.builder(server).schema(schema).tablePrefix(prefix).build();
            return JdbcStore.builder(postgres).schema(schema).tablePrefix(prefix).schemaMode(SchemaMode.NONE).build();
        });
        EmbeddedDatabases.truncate(server, store);
        return store;
    }

    /** The data source under the PostgreSQL test stores, to break its connections. */
    static synchronized ThreadConnectionDataSource postgresConnections() {
        postgres(); // make sure it exists
        return postgres;
    }

    /** An empty store in a new in-memory H2 database. */
    static JdbcStore h2() {
        DataSource database = EmbeddedDatabases.newH2();
        JdbcStore.builder(database).build();
        return JdbcStore.builder(new ThreadConnectionDataSource(database)).schemaMode(SchemaMode.NONE).build();
    }
}
