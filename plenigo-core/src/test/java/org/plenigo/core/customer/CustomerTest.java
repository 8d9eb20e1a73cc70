package org.plenigo.core.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.ValidationException;

class CustomerTest {
    private static final CustomerId ID = CustomerId.of("c-1");

    @Test
    void acceptsAValidCustomer() {
        Customer customer = Customer.of(ID, "anna@example.org", "Anna Schmidt", "DE").withVatId("DE123456789");
        assertThat(customer.email()).isEqualTo("anna@example.org");
        assertThat(customer.vatId()).contains("DE123456789");
        assertThat(Customer.of(ID, "a@b", "A", "AT").country()).isEqualTo("AT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna", "@example.org", "anna@", "anna@@example.org", "an@na@example.org",
            "anna @example.org", "anna@example .org"})
    void refusesAMalformedEmailNamingIt(String email) {
        assertThatThrownBy(() -> Customer.of(ID, email, "Anna", "DE"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("customer.email '" + email + "' is not an email address");
    }

    @Test
    void refusesMissingOrOverlongEmail() {
        assertThatThrownBy(() -> Customer.of(ID, null, "Anna", "DE"))
                .isInstanceOf(ValidationException.class).hasMessage("customer.email must not be null");
        assertThatThrownBy(() -> Customer.of(ID, " ", "Anna", "DE"))
                .isInstanceOf(ValidationException.class).hasMessage("customer.email must not be blank");
        String longEmail = "a".repeat(250) + "@b.de";
        assertThatThrownBy(() -> Customer.of(ID, longEmail, "Anna", "DE"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customer.email")
                .hasMessageContaining("255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "XX", "DEU", "", "Germany"})
    void refusesAnUnknownCountryNamingIt(String country) {
        assertThatThrownBy(() -> Customer.of(ID, "anna@example.org", "Anna", country))
                .isInstanceOf(ValidationException.class)
                .hasMessage("customer.country '" + country + "' is not an ISO 3166-1 alpha-2 code");
    }

    @Test
    void otherFieldsAreNamed() {
        assertThatThrownBy(() -> Customer.of(ID, "anna@example.org", "Anna", null))
                .isInstanceOf(ValidationException.class).hasMessage("customer.country must not be null");
        assertThatThrownBy(() -> Customer.of(null, "anna@example.org", "Anna", "DE"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customer.id");
        assertThatThrownBy(() -> Customer.of(ID, "anna@example.org", "", "DE"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customer.name");
        Customer customer = Customer.of(ID, "anna@example.org", "Anna", "DE");
        assertThatThrownBy(() -> customer.withVatId(""))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customer.vatId");
        assertThatThrownBy(() -> customer.withVatId("DE" + "1".repeat(19)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customer.vatId")
                .hasMessageContaining("21");
    }
}
