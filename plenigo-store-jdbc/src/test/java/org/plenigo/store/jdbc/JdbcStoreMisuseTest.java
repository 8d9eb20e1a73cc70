package org.plenigo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.StorageException;
import org.plenigo.core.ValidationException;
import org.plenigo.core.wallet.CustomerWalletId;

/**
 * The JDBC store refuses misuse with the library's exceptions and their error codes, on H2: a
 * credit to a wallet that does not exist, a database it does not support, an empty IN list, and a
 * look-up of one row that finds several.
 */
class JdbcStoreMisuseTest {

    @Test
    void creditingAWalletThatDoesNotExistIsRefusedAsNotFound() {
        JdbcStore store = TestStores.h2();
        CustomerWalletId missing = CustomerWalletId.of("cw-missing");

        assertThatThrownBy(() -> store.transactions().inTransaction(() -> store.customerWallets().credit(missing, 5)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("customer wallet 'cw-missing' does not exist")
                .extracting(e -> ((PlenigoException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(store.transactions().read(() -> store.customerWallets().find(missing))).isEmpty();
    }

    @Test
    void aDatabaseOtherThanPostgresqlOrH2IsRefusedAsInvalidInput() {
        assertThatThrownBy(() -> Dialect.detect("MySQL"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'MySQL'")
                .extracting(e -> ((PlenigoException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void anInListWithoutValuesIsRefusedAsInvalidInput() {
        assertThatThrownBy(() -> Sql.placeholders(0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("an IN list needs at least one value, was 0")
                .extracting(e -> ((PlenigoException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void aLookUpOfOneRowThatFindsSeveralFailsAsAStorageFailure() {
        JdbcTransactions transactions = new JdbcTransactions(EmbeddedDatabases.newH2(), false);
        Sql sql = new Sql(transactions, Dialect.H2);

        assertThatThrownBy(() -> transactions.inTransaction(
                () -> sql.one("select 1 union all select 2", rs -> rs.getInt(1))))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("expected at most one row, got 2")
                .extracting(e -> ((PlenigoException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
    }
}
