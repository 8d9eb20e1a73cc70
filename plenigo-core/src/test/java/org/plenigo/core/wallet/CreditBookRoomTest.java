package org.plenigo.core.wallet;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.plenigo.core.wallet.internal.CreditBook;

/** {@link CreditBook#requireRoom}: exactly the additions a {@code long} balance can hold pass. */
class CreditBookRoomTest {
    private static final CustomerWalletId WALLET = new CustomerWalletId("cw-1");

    @Test
    void anAdditionUpToTheLargestBalancePassesAndOneCreditMoreIsRefusedNamingTheField() {
        assertThatCode(() -> CreditBook.requireRoom(WALLET, 5, Long.MAX_VALUE - 5, 1, "credits"))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> CreditBook.requireRoom(WALLET, 5, Long.MAX_VALUE - 4, 1, "credits"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("credits " + (Long.MAX_VALUE - 4))
                .hasMessageContaining("balance 5")
                .hasMessageContaining("cw-1")
                .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void severalAdditionsAreCountedTogetherWithoutOverflowingTheCount() {
        long third = Long.MAX_VALUE / 3;
        assertThatCode(() -> CreditBook.requireRoom(WALLET, Long.MAX_VALUE % 3, third, 3, "creditsPerTopUp"))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> CreditBook.requireRoom(WALLET, Long.MAX_VALUE % 3 + 1, third, 3, "creditsPerTopUp"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("creditsPerTopUp " + third + " (3 times)");
        assertThatThrownBy(() -> CreditBook.requireRoom(WALLET, 0, Long.MAX_VALUE, 2, "creditsPerTopUp"))
                .isInstanceOf(ValidationException.class);
    }
}
