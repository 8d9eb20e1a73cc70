package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditLotId;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;

/**
 * The in-memory store refuses misuse of its wallet repositories with the library's exceptions and
 * their error codes, and changes nothing when it does.
 */
class MemoryStoreMisuseTest {
    private static final CustomerWalletId WALLET = CustomerWalletId.of("cw-1");
    private static final CreditLotId LOT = CreditLotId.of("lot-1");

    private final MemoryStore store = new MemoryStore();

    @Test
    void creditingAWalletThatDoesNotExistIsRefusedAsNotFound() {
        CustomerWalletId missing = CustomerWalletId.of("cw-missing");

        assertThatThrownBy(() -> tx(() -> store.customerWallets().credit(missing, 5)))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("customer wallet 'cw-missing' does not exist");
        assertThat(tx(() -> store.customerWallets().find(missing))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -3})
    void creditsThatAreNotPositiveAreRefusedAsInvalidInput(long credits) {
        tx(() -> store.customerWallets().insert(new CustomerWallet(WALLET, CustomerId.of("anna"),
                WalletId.of("credits"), 0, 0)));
        tx(() -> store.creditLots().insert(new CreditLot(LOT, WALLET, 4, 4, Instant.EPOCH, Optional.empty())));

        assertRefused(() -> tx(() -> store.customerWallets().credit(WALLET, credits)), credits);
        assertRefused(() -> tx(() -> store.customerWallets().debit(WALLET, credits)), credits);
        assertRefused(() -> tx(() -> store.creditLots().take(LOT, credits)), credits);

        assertThat(tx(() -> store.customerWallets().find(WALLET)).orElseThrow().balance()).isZero();
        assertThat(tx(() -> store.creditLots().findOpen(WALLET))).singleElement()
                .extracting(CreditLot::remaining).isEqualTo(4L);
    }

    private static void assertRefused(Runnable call, long credits) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessage("credits must be positive, was " + credits);
    }

    private <T> T tx(Supplier<T> work) {
        return store.transactions().inTransaction(work);
    }
}
