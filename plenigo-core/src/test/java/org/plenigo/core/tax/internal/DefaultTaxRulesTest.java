package org.plenigo.core.tax.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxRule;

/** Reading rows of default tax rules. */
class DefaultTaxRulesTest {

    @Test
    void parsesARowIntoOneRulePerTaxTypeWithItsId() {
        List<TaxRule> parsed = DefaultTaxRules.parse(List.of(
                "# a comment",
                "",
                "AT | E_PUBLICATIONS | 10 | 2022-01-01 | - | UStG 1994 # a note on the row",
                "DE | EBOOK, NEWSPAPER | 7.5 | 2019-12-18 | 2020-06-30 | a law"));

        assertThat(parsed).extracting(rule -> rule.id().value()).containsExactly(
                "default-at-digital-newspaper-2022-01-01", "default-at-digital-magazine-2022-01-01",
                "default-at-ebook-2022-01-01", "default-at-audiobook-2022-01-01",
                "default-de-ebook-2019-12-18", "default-de-newspaper-2019-12-18");
        TaxRule ebook = parsed.get(4);
        assertThat(ebook.country()).isEqualTo("DE");
        assertThat(ebook.rate()).isEqualTo(TaxRate.of("7.50"));
        assertThat(ebook.validFrom()).isEqualTo(LocalDate.of(2019, 12, 18));
        assertThat(ebook.validUntil()).contains(LocalDate.of(2020, 6, 30));
        assertThat(ebook.source()).isEqualTo("a law");
        assertThat(parsed.get(0).validUntil()).isEmpty();
        assertThat(parsed.get(0).source()).isEqualTo("UStG 1994");
    }

    @Test
    void aMalformedRowFailsNamingItsLine() {
        String good = "DE | EBOOK | 7 | 2019-12-18 | - | a law";
        Map<String, String> problems = Map.of(
                "DE | EBOOK | 7 | 2019-12-18 | a law", "expected 6 fields",
                "DE | E_BOOK | 7 | 2019-12-18 | - | a law", "'E_BOOK'",
                "DE | EBOOK, | 7 | 2019-12-18 | - | a law", "empty entry",
                "DE | EBOOK | seven | 2019-12-18 | - | a law", "'seven'",
                "DE | EBOOK | 100 | 2019-12-18 | - | a law", "100",
                "DE | EBOOK | 7 | 18.12.2019 | - | a law", "'18.12.2019'",
                "DE | EBOOK | 7 | 2019-12-18 | 2019-12-17 | a law", "before",
                "DE | EBOOK | 7 | 2019-12-18 | - |   ", "source",
                "Deutschland | EBOOK | 7 | 2019-12-18 | - | a law", "'Deutschland'",
                "DE | EBOOK | 7 | 2019-12-18 | open | a law", "'open'");
        problems.forEach((row, problem) -> assertThatThrownBy(() -> DefaultTaxRules.parse(List.of("# rules", good, row)))
                .as(row)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining(problem)
                .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void aRuleGivenTwiceFailsNamingBothLines() {
        assertThatThrownBy(() -> DefaultTaxRules.parse(List.of(
                "DE | E_PUBLICATIONS | 7 | 2019-12-18 | - | a law",
                "",
                "DE | EBOOK | 5 | 2019-12-18 | - | another law")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("line 3").hasMessageContaining("line 1")
                .hasMessageContaining("default-de-ebook-2019-12-18");
    }
}
