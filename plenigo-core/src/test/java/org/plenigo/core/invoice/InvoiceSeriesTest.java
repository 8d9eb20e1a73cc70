package org.plenigo.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenigo.core.ValidationException;

class InvoiceSeriesTest {
    @Test
    void makesNumbersOfYearAndZeroPaddedCounter() {
        assertThat(InvoiceSeries.DEFAULT.number(123, 2026)).isEqualTo("RE-2026-000123");
        assertThat(InvoiceSeries.DEFAULT.number(1_234_567, 2027)).isEqualTo("RE-2027-1234567");
        assertThat(new InvoiceSeries("web", "W{counter:4}/{year}").number(7, 2026)).isEqualTo("W0007/2026");
        assertThat(new InvoiceSeries("plain", "{counter:1}").number(42, 2026)).isEqualTo("42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RE-{year}", "RE-{counter:0}", "RE-{counter:13}", "{counter:2}-{counter:2}",
            "RE {counter:6}", "RE-{month}-{counter:6}"})
    void refusesAFormatWithoutExactlyOneCounterOrWithOtherText(String format) {
        assertThatThrownBy(() -> new InvoiceSeries("s", format)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("invoiceSeries.format '" + format + "'");
    }

    @Test
    void refusesACounterBelowOne() {
        assertThatThrownBy(() -> InvoiceSeries.DEFAULT.number(0, 2026)).isInstanceOf(ValidationException.class);
    }

    @Test
    void seriesWithTheirOwnCountersMustBeginDifferently() {
        InvoiceSeries cancellations = new InvoiceSeries("ST", "ST-{year}-{counter:6}");
        assertThat(InvoiceSeries.DEFAULT.mayCollideWith(InvoiceSeries.DEFAULT)).isFalse();
        assertThat(InvoiceSeries.DEFAULT.mayCollideWith(cancellations)).isFalse();
        assertThat(InvoiceSeries.DEFAULT.mayCollideWith(new InvoiceSeries("RE2", "RE-{year}-{counter:7}"))).isTrue();
        assertThat(InvoiceSeries.DEFAULT.mayCollideWith(new InvoiceSeries("RE", "RE/{year}/{counter:6}"))).isTrue();
        assertThat(new InvoiceSeries("a", "{counter:6}").mayCollideWith(cancellations)).isTrue();
    }
}
