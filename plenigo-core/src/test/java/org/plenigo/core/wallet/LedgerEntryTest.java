package org.plenigo.core.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenigo.core.ValidationException;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.idempotency.IdempotencyKey;

class LedgerEntryTest {
    private static final Instant AT = Instant.parse("2025-05-01T10:00:00Z");

    private static LedgerEntry entry(LedgerEntryType type, long credits, long sequence, long balanceAfter) {
        return new LedgerEntry(LedgerEntryId.of("le-1"), CustomerWalletId.of("cw-1"), sequence, type, credits,
                balanceAfter, AT, Optional.empty(), IdempotencyKey.of("k-1"), Optional.empty());
    }

    @Test
    void aTopUpIsPaidByASubscriptionOnlyForNothingElseSellsCredits() {
        ChargeReference subscription = ChargeReference.subscription("sub-1");
        assertThat(new LedgerEntry(LedgerEntryId.of("le-1"), CustomerWalletId.of("cw-1"), 1, LedgerEntryType.TOP_UP, 5,
                5, AT, Optional.of(subscription), IdempotencyKey.of("k-1"), Optional.empty()).paidBy())
                .contains(subscription);
        assertThatThrownBy(() -> new LedgerEntry(LedgerEntryId.of("le-1"), CustomerWalletId.of("cw-1"), 1,
                LedgerEntryType.TOP_UP, 5, 5, AT, Optional.of(ChargeReference.singlePurchase("pur-1")),
                IdempotencyKey.of("k-1"), Optional.empty()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("ledgerEntry.paidBy must be a subscription");
    }

    @Test
    void theSignFollowsTheType() {
        assertThat(LedgerEntryType.TOP_UP.adds()).isTrue();
        assertThat(LedgerEntryType.GRANT.adds()).isTrue();
        assertThat(LedgerEntryType.REVERSAL.adds()).isTrue();
        assertThat(LedgerEntryType.CONSUMPTION.adds()).isFalse();
        assertThat(LedgerEntryType.EXPIRY.adds()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(LedgerEntryType.class)
    void acceptsTheRightSignAndRefusesTheWrongOneOrZero(LedgerEntryType type) {
        long right = type.adds() ? 5 : -5;
        assertThat(entry(type, right, 1, 5).credits()).isEqualTo(right);
        assertThatThrownBy(() -> entry(type, -right, 1, 5))
                .isInstanceOf(ValidationException.class)
                .hasMessage("ledgerEntry.credits " + -right + " has the wrong sign for " + type);
        assertThatThrownBy(() -> entry(type, 0, 1, 5))
                .isInstanceOf(ValidationException.class)
                .hasMessage("ledgerEntry.credits 0 has the wrong sign for " + type);
    }

    @Test
    void refusesANegativeBalanceAndANonPositiveSequence() {
        assertThatThrownBy(() -> entry(LedgerEntryType.CONSUMPTION, -5, 1, -1))
                .isInstanceOf(ValidationException.class).hasMessage("ledgerEntry.balanceAfter must not be negative, was -1");
        assertThatThrownBy(() -> entry(LedgerEntryType.TOP_UP, 5, 0, 5))
                .isInstanceOf(ValidationException.class).hasMessage("ledgerEntry.sequence must be positive, was 0");
        assertThat(entry(LedgerEntryType.CONSUMPTION, -5, 2, 0).balanceAfter()).isZero();
    }

    @Test
    void refusesAnOverlongReference() {
        assertThatThrownBy(() -> new LedgerEntry(LedgerEntryId.of("le-1"), CustomerWalletId.of("cw-1"), 1,
                LedgerEntryType.GRANT, 5, 5, AT, Optional.empty(), IdempotencyKey.of("k-1"),
                Optional.of("r".repeat(201))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ledgerEntry.reference");
    }

    @Test
    void creditLotRemainingStaysWithinItsCredits() {
        CustomerWalletId wallet = CustomerWalletId.of("cw-1");
        assertThat(new CreditLot(CreditLotId.of("lot-1"), wallet, 5, 0, AT, Optional.empty()).remaining()).isZero();
        assertThatThrownBy(() -> new CreditLot(CreditLotId.of("lot-1"), wallet, 5, 6, AT, Optional.empty()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("creditLot.remaining 6 exceeds creditLot.credits 5");
        assertThatThrownBy(() -> new CreditLot(CreditLotId.of("lot-1"), wallet, 5, -1, AT, Optional.empty()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("creditLot.remaining");
        assertThatThrownBy(() -> new CreditLot(CreditLotId.of("lot-1"), wallet, 0, 0, AT, Optional.empty()))
                .isInstanceOf(ValidationException.class).hasMessage("creditLot.credits must be positive, was 0");
    }

    @Test
    void consumeRequestValidation() {
        var customer = org.plenigo.core.customer.CustomerId.of("c-1");
        var walletId = org.plenigo.core.catalog.WalletId.of("w");
        IdempotencyKey key = IdempotencyKey.of("k");
        assertThatThrownBy(() -> ConsumeCredits.of(customer, walletId, 0, "article-1", key))
                .isInstanceOf(ValidationException.class).hasMessage("credits must be positive, was 0");
        assertThatThrownBy(() -> ConsumeCredits.of(customer, walletId, 1, " ", key))
                .isInstanceOf(ValidationException.class).hasMessageContaining("reference");
        assertThatThrownBy(() -> ConsumeCredits.of(customer, walletId, 1, "a", null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("idempotencyKey");
        assertThat(ConsumeCredits.of(customer, walletId, 1, null, key).reference()).isEmpty();
    }
}
