package org.plenigo.core.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.ValidationException;

class VatIdAndAddressTest {
    private static final Customer ANNA = Customer.of(CustomerId.of("c-1"), "anna@example.org", "Anna", "DE");

    @ParameterizedTest
    @CsvSource({"ATU12345678, AT", "DE123456789, DE", "EL123456789, GR", "FRAB123456789, FR", "NL123456789B01, NL",
            "ESX1234567X, ES", "IE1234567WA, IE", "SE123456789001, SE", "BE0123456789, BE"})
    void acceptsTheShapeOfEachPrefixAndNamesTheMemberState(String vatId, String memberState) {
        Customer business = ANNA.withVatId(vatId);
        assertThat(business.vatId()).contains(vatId);
        assertThat(business.vatIdMemberState()).contains(memberState);
    }

    @Test
    void keepsAVatIdWithoutSpacesDotsAndHyphens() {
        assertThat(ANNA.withVatId("de 123.456-789").vatId()).contains("DE123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT12345678", "ATU1234567", "DE12345678", "DE1234567890", "NL123456789", "GR123456789",
            "D", "12345678901"})
    void refusesAVatIdOfAShapeItsPrefixDoesNotAllow(String vatId) {
        assertThatThrownBy(() -> ANNA.withVatId(vatId)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("customer.vatId '" + vatId + "'");
    }

    @Test
    void aVatIdOfAStateOutsideTheEuIsKeptButNamesNoMemberState() {
        assertThat(ANNA.withVatId("CHE123456789").vatIdMemberState()).isEmpty();
        // Northern Ireland's XI ids count for goods only, not for these services
        assertThat(ANNA.withVatId("XI123456789").vatIdMemberState()).isEmpty();
        assertThat(ANNA.vatIdMemberState()).isEmpty();
    }

    @Test
    void aBillingAddressIsKeptAndChecked() {
        PostalAddress address = new PostalAddress("Hauptstraße 1", "10115", "Berlin", "DE");
        assertThat(ANNA.withBillingAddress(address).billingAddress()).contains(address);
        assertThat(ANNA.billingAddress()).isEmpty();
        assertThat(address.lines()).containsExactly("Hauptstraße 1", "10115 Berlin", "DE");
        assertThatThrownBy(() -> new PostalAddress("Hauptstraße 1", "10115", "Berlin", "Germany"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("address.country 'Germany'");
        assertThatThrownBy(() -> new PostalAddress(" ", "10115", "Berlin", "DE"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("address.street");
        assertThatThrownBy(() -> new Customer(CustomerId.of("c"), "a@b", "A", "DE", Optional.empty(), null, false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customer.billingAddress");
    }
}
