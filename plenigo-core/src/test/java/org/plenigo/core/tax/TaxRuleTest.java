package org.plenigo.core.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;

class TaxRuleTest {
    private static final LocalDate FROM = LocalDate.of(2021, 1, 1);

    @Test
    void aRateIsKeptAtTwoDecimalsAndPrintedWithout() {
        assertThat(TaxRate.of("7").percent()).isEqualTo(new BigDecimal("7.00"));
        assertThat(TaxRate.of("5.5")).isEqualTo(TaxRate.of("5.50"));
        assertThat(TaxRate.of("25.5")).hasToString("25.5 %");
        assertThat(TaxRate.of("19")).hasToString("19 %");
        assertThat(TaxRate.ZERO.isZero()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "100", "7.125", "abc"})
    void refusesARateOutOfRangeOrTooFine(String percent) {
        assertThatThrownBy(() -> TaxRate.of(percent)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("taxRate.percent");
    }

    @Test
    void aRuleAppliesOnItsDaysBothEndsIncluded() {
        TaxRule rule = rule("r", FROM, Optional.of(LocalDate.of(2021, 12, 31)));
        assertThat(rule.appliesOn(FROM)).isTrue();
        assertThat(rule.appliesOn(LocalDate.of(2021, 12, 31))).isTrue();
        assertThat(rule.appliesOn(LocalDate.of(2020, 12, 31))).isFalse();
        assertThat(rule.appliesOn(LocalDate.of(2022, 1, 1))).isFalse();
        assertThat(rule("open", FROM, Optional.empty()).appliesOn(LocalDate.of(2999, 1, 1))).isTrue();
    }

    @Test
    void rulesOverlapWhenTheyShareADayOfOneCountryAndType() {
        TaxRule year = rule("a", FROM, Optional.of(LocalDate.of(2021, 12, 31)));
        assertThat(year.overlaps(rule("b", LocalDate.of(2021, 12, 31), Optional.empty()))).isTrue();
        assertThat(year.overlaps(rule("c", LocalDate.of(2022, 1, 1), Optional.empty()))).isFalse();
        assertThat(rule("d", FROM, Optional.empty()).overlaps(rule("e", LocalDate.of(2030, 1, 1), Optional.empty())))
                .isTrue();
        TaxRule austrian = new TaxRule(new TaxRuleId("f"), "AT", TaxType.EBOOK, TaxRate.of("10"), FROM,
                Optional.empty(), "test");
        assertThat(year.overlaps(austrian)).isFalse();
        assertThat(year.endingOn(LocalDate.of(2021, 6, 30)).validUntil()).contains(LocalDate.of(2021, 6, 30));
    }

    @Test
    void refusesARuleThatEndsBeforeItStartsOrHasNoSource() {
        assertThatThrownBy(() -> rule("x", FROM, Optional.of(FROM.minusDays(1))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("taxRule.validUntil");
        assertThatThrownBy(() -> new TaxRule(new TaxRuleId("y"), "DE", TaxType.EBOOK, TaxRate.of("7"), FROM,
                Optional.empty(), " ")).isInstanceOf(ValidationException.class).hasMessageContaining("taxRule.source");
        assertThatThrownBy(() -> new TaxRule(new TaxRuleId("z"), "de", TaxType.EBOOK, TaxRate.of("7"), FROM,
                Optional.empty(), "s")).isInstanceOf(ValidationException.class).hasMessageContaining("taxRule.country");
    }

    private static TaxRule rule(String id, LocalDate from, Optional<LocalDate> until) {
        return new TaxRule(new TaxRuleId(id), "DE", TaxType.EBOOK, TaxRate.of("7"), from, until, "test");
    }
}
