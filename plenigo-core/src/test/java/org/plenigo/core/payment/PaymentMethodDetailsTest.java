package org.plenigo.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.payment.PaymentMethodDetails.CreditCard;
import org.plenigo.core.payment.PaymentMethodDetails.Ideal;
import org.plenigo.core.payment.PaymentMethodDetails.PayPal;
import org.plenigo.core.payment.PaymentMethodDetails.SepaDirectDebit;

class PaymentMethodDetailsTest {
    private static final CreditorId CREDITOR = CreditorId.of("DE98ZZZ09999999999");
    private static final LocalDate SIGNED = LocalDate.of(2025, 3, 1);

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013000", "NL91ABNA0417164300", "AT611904300234573201",
            "GB29NWBK60161331926819", "FR1420041010050500013M02606", "BE68539007547034",
            "DE89 3704 0044 0532 0130 00", "de89370400440532013000"})
    void validIbansOfSeveralCountriesAreKeptMasked(String iban) {
        MaskedIban masked = MaskedIban.of(iban);
        String compact = iban.replace(" ", "").toUpperCase();
        assertThat(masked).isEqualTo(new MaskedIban(compact.substring(0, 2), compact.substring(2, 4),
                compact.substring(compact.length() - 4)));
    }

    @Test
    void aMaskedIbanPrintsCountryCheckDigitsAndLastFour() {
        assertThat(MaskedIban.of("DE89 3704 0044 0532 0130 00")).hasToString("DE89 **** 3000");
        assertThat(MaskedIban.of("NL91ABNA0417164300")).hasToString("NL91 **** 4300");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013001", "DE88370400440532013000", "NL91ABNA0417164301",
            "AT611904300234573202", "GB29NWBK60161331926818", "DE89370400440532031000"})
    void anIbanWithAChangedDigitIsRefusedWithoutEchoingIt(String iban) {
        assertThatThrownBy(() -> MaskedIban.of(iban)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("iban").hasMessageContaining("check digits")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(iban))
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void anIbanOfTheWrongLengthForItsCountryIsRefused() {
        assertThatThrownBy(() -> MaskedIban.of("DE8937040044053201300")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("iban").hasMessageContaining("22 characters in DE, had 21")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("8937040044053201300"));
        assertThatThrownBy(() -> MaskedIban.of("NL91ABNA04171643000")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("18 characters in NL, had 19");
    }

    @Test
    void anIbanOfNoSepaCountryOrWithOtherCharactersIsRefused() {
        assertThatThrownBy(() -> MaskedIban.of("US12345678901234567890")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not of a SEPA country: 'US'");
        assertThatThrownBy(() -> MaskedIban.of("DE89-3704-0044-0532-0130-00")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("iban must be letters and digits");
        assertThatThrownBy(() -> MaskedIban.of(null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("iban must not be null");
    }

    @Test
    void creditorIdsAreCheckedByTheirCheckDigitsWithoutTheBusinessCode() {
        assertThat(CreditorId.of("DE98ZZZ09999999999").value()).isEqualTo("DE98ZZZ09999999999");
        assertThat(CreditorId.of("de98 zzz0 9999 9999 99").nationalId()).isEqualTo("09999999999");
        assertThat(CreditorId.of("DE98ABC09999999999").businessCode())
                .as("the business code is not covered by the check").isEqualTo("ABC");
        assertThatThrownBy(() -> CreditorId.of("DE98ZZZ09999999998")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("creditorId 'DE98ZZZ09999999998' fails its check digits");
        assertThatThrownBy(() -> CreditorId.of("DE97ZZZ09999999999")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("fails its check digits");
        assertThatThrownBy(() -> CreditorId.of("DE98ZZZ0999999999")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("must have 18 characters in Germany");
        assertThatThrownBy(() -> CreditorId.of("98ZZZ09999999999")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("creditorId must be a country code");
    }

    @Test
    void aSepaMandateIsMadeFromTheFullIbanAndKeepsItMasked() {
        SepaDirectDebit sepa = SepaDirectDebit.of("DE89 3704 0044 0532 0130 00", "tok_sepa_1", "MANDATE-2025/001",
                SIGNED, CREDITOR);
        assertThat(sepa.maskedIban()).hasToString("DE89 **** 3000");
        assertThat(sepa.type()).isEqualTo(PaymentMethodType.SEPA_DIRECT_DEBIT);
        assertThat(sepa.toString()).doesNotContain("370400440532013000");
    }

    @Test
    void aMandateReferenceHasAtMost35AllowedCharacters() {
        String longest = "A".repeat(35);
        assertThat(SepaDirectDebit.of("DE89370400440532013000", "t", longest, SIGNED, CREDITOR).mandateReference())
                .isEqualTo(longest);
        assertThat(SepaDirectDebit.of("DE89370400440532013000", "t", "az-AZ/09?:().,'+", SIGNED, CREDITOR)
                .mandateReference()).isEqualTo("az-AZ/09?:().,'+");
        assertThatThrownBy(() -> SepaDirectDebit.of("DE89370400440532013000", "t", longest + "B", SIGNED, CREDITOR))
                .isInstanceOf(ValidationException.class).hasMessageContaining("sepaDirectDebit.mandateReference");
        assertThatThrownBy(() -> SepaDirectDebit.of("DE89370400440532013000", "t", "MANDAT_1", SIGNED, CREDITOR))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'MANDAT_1'");
        assertThatThrownBy(() -> SepaDirectDebit.of("DE89370400440532013000", "t", "Mandat Ä", SIGNED, CREDITOR))
                .isInstanceOf(ValidationException.class).hasMessageContaining("sepaDirectDebit.mandateReference");
    }

    @Test
    void aCardIsValidThroughTheLastDayOfItsExpiryMonth() {
        CreditCard card = new CreditCard("tok_card", "VISA", "4242", 2, 2028);
        assertThat(card.expiredOn(LocalDate.of(2028, 2, 29))).isFalse();
        assertThat(card.expiredOn(LocalDate.of(2028, 3, 1))).isTrue();
        assertThat(card.expiredOn(LocalDate.of(2027, 12, 31))).isFalse();
        assertThat(new CreditCard("tok_card", "VISA", "4242", 12, 2027).expiredOn(LocalDate.of(2027, 12, 31))).isFalse();
        assertThat(new CreditCard("tok_card", "VISA", "4242", 12, 2027).expiredOn(LocalDate.of(2028, 1, 1))).isTrue();
    }

    @Test
    void aCardNumberIsNeverEchoedAndTheExpiryMustMakeSense() {
        assertThatThrownBy(() -> new CreditCard("tok", "VISA", "4242424242424242", 1, 2030))
                .isInstanceOf(ValidationException.class).hasMessageContaining("creditCard.lastFour")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("4242424242424242"));
        assertThatThrownBy(() -> new CreditCard("tok", "VISA", "4242", 13, 2030))
                .isInstanceOf(ValidationException.class).hasMessageContaining("creditCard.expiryMonth must be 1 to 12, was 13");
        assertThatThrownBy(() -> new CreditCard("tok", "VISA", "4242", 1, 30))
                .isInstanceOf(ValidationException.class).hasMessageContaining("creditCard.expiryYear");
        assertThatThrownBy(() -> new CreditCard(" ", "VISA", "4242", 1, 2030))
                .isInstanceOf(ValidationException.class).hasMessageContaining("creditCard.providerToken");
    }

    @Test
    void payPalNeedsAnAgreementOrVaultTokenAndThePayersEmail() {
        assertThat(new PayPal("B-5YM12345", "anna@example.org").type()).isEqualTo(PaymentMethodType.PAYPAL);
        assertThatThrownBy(() -> new PayPal("B-5YM12345", "anna.example.org")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("payPal.payerEmail 'anna.example.org'");
        assertThatThrownBy(() -> new PayPal(null, "anna@example.org")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("payPal.billingAgreementOrVaultToken");
    }

    @Test
    void idealPaysInEuroOnlyAndKeepsTheIssuersBicAndLaterItsMandate() {
        Ideal ideal = Ideal.of(Optional.of("ABNANL2A"));
        assertThat(ideal.accepts(Currency.getInstance("EUR"))).isTrue();
        assertThat(ideal.accepts(Currency.getInstance("USD"))).isFalse();
        assertThat(ideal.mandate()).isEmpty();
        SepaDirectDebit mandate = SepaDirectDebit.of("NL91ABNA0417164300", "tok_ideal", "IDEAL-1", SIGNED, CREDITOR);
        assertThat(ideal.withMandate(mandate).mandate()).contains(mandate);
        assertThatThrownBy(() -> Ideal.of(Optional.of("abnanl2a"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ideal.issuerBic").hasMessageContaining("'abnanl2a'");
    }

    @Test
    void aPaymentMethodNamesItsMissingFields() {
        assertThatThrownBy(() -> new PaymentMethod(PaymentMethodId.of("pm-1"), CustomerId.of("c1"), null, true,
                Instant.EPOCH)).isInstanceOf(ValidationException.class).hasMessageContaining("paymentMethod.details");
        assertThatThrownBy(() -> PaymentMethodId.of("pm 1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("paymentMethodId").hasMessageContaining("'pm 1'");
    }
}
