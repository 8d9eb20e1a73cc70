package org.plenigo.core.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.time.Interval;

class CancellationTermsTest {
    private static final LocalDate START = LocalDate.of(2025, 1, 1);
    /** Billed monthly, a term of 12 months, a cancellation period of one month. */
    private static final ProductContract YEARLY = ProductContract.timeBased(ProductContractId.of("pc"), "Digital",
            Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)).withTerm(Interval.months(12))
            .withCancellationPeriod(Interval.months(1));
    private static final Customer CONSUMER = Customer.of(CustomerId.of("anna"), "anna@example.org", "Anna", "DE");
    private static final Customer BUSINESS = new Customer(CustomerId.of("verlag"), "office@example.org", "Verlag",
            "DE", Optional.of("DE123456789"));
    private static final Customer AUSTRIAN = Customer.of(CustomerId.of("lena"), "lena@example.at", "Lena", "AT");

    private static LocalDate effect(ProductContract contract, Customer customer, String today) {
        return CancellationTerms.takesEffect(contract, customer, START, LocalDate.parse(today));
    }

    @ParameterizedTest(name = "given {0}: ends {1}")
    @CsvSource({
            "2025-01-01, 2026-01-01",
            "2025-12-01, 2026-01-01",
            "2025-12-02, 2027-01-01",
            "2025-12-31, 2027-01-01",
            "2026-01-01, 2027-01-01",
            "2026-12-01, 2027-01-01",
            "2026-12-02, 2028-01-01"})
    void regularlyAtTheEndOfTheTermWhenGivenInTimeOtherwiseAtTheEndOfTheNext(String today, LocalDate ends) {
        assertThat(effect(YEARLY, BUSINESS, today)).isEqualTo(ends);
        assertThat(effect(YEARLY, AUSTRIAN, today)).as("a consumer outside Germany").isEqualTo(ends);
        assertThat(effect(YEARLY.withConsumerNotice(false), CONSUMER, today)).as("the rule off").isEqualTo(ends);
    }

    @ParameterizedTest(name = "given {0}: ends {1}")
    @CsvSource({
            "2025-01-01, 2026-01-01",
            "2025-12-01, 2026-01-01",
            "2025-12-02, 2026-01-02",
            "2025-12-31, 2026-01-31",
            "2026-01-01, 2026-02-01",
            "2026-03-15, 2026-04-15",
            "2027-01-31, 2027-02-28"})
    void aConsumerInGermanyAfterTheInitialTermCancelsWithOneMonthsNotice(String today, LocalDate ends) {
        assertThat(CancellationTerms.consumerNotice(YEARLY, CONSUMER)).isTrue();
        assertThat(effect(YEARLY, CONSUMER, today)).isEqualTo(ends);
    }

    @ParameterizedTest(name = "given {0}: ends {1}")
    @CsvSource({
            "2025-10-01, 2026-01-01",
            "2025-12-01, 2026-01-01",
            "2025-12-15, 2026-01-15",
            "2026-05-10, 2026-06-10"})
    void aConsumersNoticeIsAtMostOneMonthEvenWhenTheContractAsksForMore(String today, LocalDate ends) {
        assertThat(effect(YEARLY.withCancellationPeriod(Interval.months(3)), CONSUMER, today)).isEqualTo(ends);
    }

    @ParameterizedTest(name = "given {0}: ends {1}")
    @CsvSource({
            "2025-01-18, 2025-02-01",
            "2025-01-19, 2025-03-01",
            "2025-02-15, 2025-03-01"})
    void withoutATermTheContractRenewsPeriodByPeriod(String today, LocalDate ends) {
        ProductContract monthly = ProductContract.timeBased(ProductContractId.of("pc"), "Digital",
                Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1))
                .withCancellationPeriod(Interval.days(14));
        assertThat(CancellationTerms.consumerNotice(monthly, CONSUMER)).as("no term, no initial term").isFalse();
        assertThat(effect(monthly, CONSUMER, today)).isEqualTo(ends);
    }

    @ParameterizedTest(name = "bought 31 January, given {0}: ends {1}")
    @CsvSource({
            "2025-01-31, 2025-02-28",
            "2025-02-27, 2025-02-28",
            "2025-02-28, 2025-03-31",
            "2025-04-29, 2025-04-30"})
    void withoutACancellationPeriodAtTheEndOfTheRunningPeriodAcrossMonthEnds(String today, LocalDate ends) {
        ProductContract monthly = ProductContract.timeBased(ProductContractId.of("pc"), "Digital",
                Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1));
        assertThat(CancellationTerms.takesEffect(monthly, BUSINESS, LocalDate.of(2025, 1, 31),
                LocalDate.parse(today))).isEqualTo(ends);
    }
}
