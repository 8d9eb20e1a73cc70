package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenigo.store.tck.StoreContractSupport.SELLER;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.invoice.Seller;
import org.plenigo.core.tax.TaxDecision;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;
import org.plenigo.core.payment.SimulatedPaymentProvider;

/**
 * Whose rate a supply pays, by the shipped default rules: the German rate history at each of its
 * boundaries, consumers of other member states, businesses at home and abroad, customers outside
 * the EU.
 */
class TaxDecisionsTest {
    private final MemoryStore store = new MemoryStore();
    private final Plenigo plenigo = Plenigo.builder().store(store).paymentProvider(new SimulatedPaymentProvider())
            .seller(SELLER).build();

    @ParameterizedTest(name = "{0} on {1}: {2} %")
    @CsvSource({
            "DIGITAL_NEWSPAPER, 2019-12-17, 19", "DIGITAL_NEWSPAPER, 2019-12-18, 7",
            "EBOOK, 2019-12-17, 19", "EBOOK, 2019-12-18, 7",
            "EBOOK, 2020-06-30, 7", "EBOOK, 2020-07-01, 5", "EBOOK, 2020-12-31, 5", "EBOOK, 2021-01-01, 7",
            "DIGITAL_PRODUCT, 2020-06-30, 19", "DIGITAL_PRODUCT, 2020-07-01, 16", "DIGITAL_PRODUCT, 2020-12-31, 16",
            "DIGITAL_PRODUCT, 2021-01-01, 19",
            "NEWSPAPER, 2020-06-30, 7", "NEWSPAPER, 2020-07-01, 5", "BOOK, 2021-01-01, 7",
            "VIDEO, 2026-12-02, 19", "MUSIC, 2026-12-02, 19", "AUDIOBOOK, 2026-12-02, 7",
            "DIGITAL_MAGAZINE, 2026-12-02, 7"})
    void aGermanConsumerPaysTheGermanRateOfTheDay(TaxType type, LocalDate day, String percent) {
        CustomerId anna = register(Customer.of(CustomerId.of("anna"), "anna@example.org", "Anna", "DE"));

        assertThat(plenigo.taxes().decide(anna, type, day)).satisfies(decision -> {
            assertThat(decision.treatment()).isEqualTo(TaxTreatment.TAXED);
            assertThat(decision.country()).isEqualTo("DE");
            assertThat(decision.rate()).isEqualTo(TaxRate.of(percent));
        });
    }

    @Test
    void aConsumerOfAnotherMemberStatePaysThatStatesRate() {
        CustomerId lena = register(Customer.of(CustomerId.of("lena"), "lena@example.at", "Lena", "AT"));

        TaxDecision decision = plenigo.taxes().decide(lena, TaxType.DIGITAL_PRODUCT, LocalDate.of(2026, 12, 2));

        assertThat(decision.country()).isEqualTo("AT");
        assertThat(decision.rate()).isEqualTo(TaxRate.of("20"));
    }

    @Test
    void aBusinessOfAnotherMemberStateOwesTheTaxItselfAndOneAtHomePaysTheDomesticRate() {
        CustomerId austrian = register(Customer.of(CustomerId.of("firma"), "office@firma.at", "Firma", "AT")
                .withVatId("ATU12345678"));
        CustomerId german = register(Customer.of(CustomerId.of("gmbh"), "office@gmbh.de", "GmbH", "DE")
                .withVatId("DE987654321"));
        LocalDate day = LocalDate.of(2026, 12, 2);

        TaxDecision abroad = plenigo.taxes().decide(austrian, TaxType.EBOOK, day);
        assertThat(abroad.treatment()).isEqualTo(TaxTreatment.REVERSE_CHARGE);
        assertThat(abroad.rate()).isEqualTo(TaxRate.ZERO);
        assertThat(abroad.country()).isEqualTo("AT");
        assertThat(plenigo.taxes().decide(german, TaxType.EBOOK, day).rate()).isEqualTo(TaxRate.of("7"));
    }

    @Test
    void aCustomerOutsideTheEuPaysNoEuVat() {
        CustomerId urs = register(Customer.of(CustomerId.of("urs"), "urs@example.ch", "Urs", "CH"));
        CustomerId joe = register(Customer.of(CustomerId.of("joe"), "joe@example.com", "Joe", "US")
                .withVatId("US123456"));

        assertThat(plenigo.taxes().decide(urs, TaxType.EBOOK, LocalDate.of(2026, 12, 2)).treatment())
                .isEqualTo(TaxTreatment.NOT_TAXABLE_IN_EU);
        assertThat(plenigo.taxes().decide(joe, TaxType.EBOOK, LocalDate.of(2026, 12, 2)).treatment())
                .isEqualTo(TaxTreatment.NOT_TAXABLE_IN_EU);
    }

    @Test
    void aSupplyInTheEuWithoutARuleIsRefusedNamingWhatIsMissing() {
        MemoryStore bare = new MemoryStore();
        Plenigo withoutDefaults = Plenigo.builder().store(bare).paymentProvider(new SimulatedPaymentProvider())
                .seller(SELLER).defaultTaxRules(false).build();
        CustomerId anna = withoutDefaults.customers().register(Customer.of(CustomerId.of("anna"), "anna@example.org",
                "Anna", "DE")).id();

        assertThat(withoutDefaults.taxes().rules()).isEmpty();
        assertThatThrownBy(() -> withoutDefaults.taxes().decide(anna, TaxType.EBOOK, LocalDate.of(2026, 12, 2)))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.TAX_RULE_MISSING))
                .hasMessageContaining("EBOOK in DE on 2026-12-02");
        // DONATION has no default: no supply, no rate to guess
        assertThatThrownBy(() -> plenigo.taxes().decide(register(Customer.of(CustomerId.of("ben"), "ben@example.org",
                "Ben", "DE")), TaxType.DONATION, LocalDate.of(2026, 12, 2))).isInstanceOf(ConflictException.class);
    }

    @Test
    void theSellerIsRequiredAndMustBeInTheEu() {
        assertThatThrownBy(() -> Plenigo.builder().store(store).paymentProvider(new SimulatedPaymentProvider()).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("seller is required");
        assertThatThrownBy(() -> Plenigo.builder().seller(new Seller("Verlag AG",
                new PostalAddress("Bahnhofstrasse 1", "8001", "Zürich", "CH"), "CHE123456789")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not an EU member state");
    }

    private CustomerId register(Customer customer) {
        return plenigo.customers().register(customer).id();
    }
}
