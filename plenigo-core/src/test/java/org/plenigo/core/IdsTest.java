package org.plenigo.core;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.Require;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.wallet.CreditLotId;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntryId;

class IdsTest {
    private record Kind(String field, Function<String, Object> create) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("customerId", CustomerId::of),
            new Kind("offerId", OfferId::of),
            new Kind("walletId", WalletId::of),
            new Kind("productContractId", ProductContractId::of),
            new Kind("accessRightId", AccessRightId::of),
            new Kind("subscriptionId", SubscriptionId::of),
            new Kind("customerWalletId", CustomerWalletId::of),
            new Kind("ledgerEntryId", LedgerEntryId::of),
            new Kind("creditLotId", CreditLotId::of),
            new Kind("chargeId", ChargeId::of),
            new Kind("idempotencyKey", IdempotencyKey::of));

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "customer-42", "ORDER_2025.01", "user@example.org", "tenant:1/order:9",
            "x-_.:@/"})
    void acceptsLettersDigitsAndTheAllowedPunctuation(String value) {
        for (Kind kind : KINDS) {
            assertThat(kind.create().apply(value)).hasToString(value);
        }
    }

    @Test
    void acceptsExactly128Characters() {
        String longest = "a".repeat(Require.MAX_ID_LENGTH);
        for (Kind kind : KINDS) {
            assertThat(kind.create().apply(longest)).hasToString(longest);
        }
    }

    @Test
    void refusesMoreThan128CharactersNamingTheField() {
        String tooLong = "a".repeat(Require.MAX_ID_LENGTH + 1);
        for (Kind kind : KINDS) {
            assertThatThrownBy(() -> kind.create().apply(tooLong))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage(kind.field() + " must have at most 128 characters, was 129");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "-a", ".a", "/a", "a;b", "a=b", "a\nb", "caf\u00e9", "a#b", "a?b",
            "\u0430"})
    void refusesIllegalCharactersNamingTheFieldAndValue(String value) {
        for (Kind kind : KINDS) {
            assertThatThrownBy(() -> kind.create().apply(value))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith(kind.field() + " must be 1 to 128 letters")
                    .hasMessageEndingWith("was '" + value + "'")
                    .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
        }
    }

    @Test
    void refusesNull() {
        for (Kind kind : KINDS) {
            assertThatThrownBy(() -> kind.create().apply(null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage(kind.field() + " must not be null");
        }
    }

    @Test
    void idsOfTheSameValueAreEqual() {
        assertThat(CustomerId.of("c-1")).isEqualTo(new CustomerId("c-1")).isNotEqualTo(CustomerId.of("c-2"));
    }
}
