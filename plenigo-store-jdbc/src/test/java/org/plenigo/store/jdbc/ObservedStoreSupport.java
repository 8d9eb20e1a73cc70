package org.plenigo.store.jdbc;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.plenigo.core.store.Store;
import org.plenigo.store.tck.StoreContractSupport;

/**
 * Base of the JDBC tests that watch or break the store's connections: each test gets an empty
 * store on {@link FaultDatabase}, reached through an {@link ObservedDataSource} (what the store
 * does) over a {@link ThreadConnectionDataSource} (connections that can be broken).
 */
abstract class ObservedStoreSupport extends StoreContractSupport {
    protected final FaultDatabase database;
    /** The database itself, for a second connection beside the store's. */
    protected DataSource raw;
    protected ThreadConnectionDataSource connections;
    protected ObservedDataSource observed;

    ObservedStoreSupport(FaultDatabase database) {
        this.database = database;
    }

    @Override
    protected Store newStore() {
        raw = database.emptyStore();
        connections = new ThreadConnectionDataSource(raw);
        observed = new ObservedDataSource(connections);
        return database.layout(JdbcStore.builder(observed)).schemaMode(SchemaMode.NONE).build();
    }

    @AfterEach
    void closeConnections() {
        connections.closeAll();
    }

    /** The connection of the unit of work running on this thread. */
    protected Connection currentConnection() {
        return ((JdbcTransactions) store.transactions()).connection();
    }
}
