package org.plenigo.core.tax.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxRule;
import org.plenigo.core.tax.TaxRuleId;

/** The shipped tax rules, looked up by country, type and day, never by their place in the file. */
class DefaultTaxRulesTest {
    private static final List<String> EU = List.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
            "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
    private static final List<TaxType> STANDARD = List.of(TaxType.DIGITAL_PRODUCT, TaxType.VIDEO, TaxType.MUSIC,
            TaxType.MEMBERSHIP, TaxType.EVENT, TaxType.SHIPPING_COSTS, TaxType.FEE);
    private static final List<TaxType> E_PUBLICATIONS = List.of(TaxType.DIGITAL_NEWSPAPER, TaxType.DIGITAL_MAGAZINE,
            TaxType.EBOOK, TaxType.AUDIOBOOK);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private final List<TaxRule> rules = DefaultTaxRules.load();

    @Test
    void everyRuleNamesItsSource() {
        assertThat(rules).isNotEmpty().allSatisfy(rule -> assertThat(rule.source())
                .as(rule.id().value()).isNotBlank().isNotEqualTo("-").hasSizeGreaterThan(10));
    }

    @Test
    void noTwoRulesOfOneCountryAndTaxTypeShareADay() {
        Map<String, List<TaxRule>> byCountryAndType = rules.stream()
                .collect(Collectors.groupingBy(rule -> rule.country() + " " + rule.taxType()));
        List<String> overlaps = new ArrayList<>();
        byCountryAndType.values().forEach(group -> {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    if (group.get(i).overlaps(group.get(j))) {
                        overlaps.add(group.get(i).id() + " / " + group.get(j).id());
                    }
                }
            }
        });
        assertThat(overlaps).isEmpty();
    }

    @Test
    void rulesOfOneCountryAndTaxTypeFollowEachOtherWithoutAGap() {
        Map<String, List<TaxRule>> byCountryAndType = rules.stream()
                .collect(Collectors.groupingBy(rule -> rule.country() + " " + rule.taxType()));
        List<String> gaps = new ArrayList<>();
        byCountryAndType.values().forEach(group -> {
            List<TaxRule> byStart = group.stream().sorted(Comparator.comparing(TaxRule::validFrom)).toList();
            for (int i = 0; i + 1 < byStart.size(); i++) {
                Optional<LocalDate> end = byStart.get(i).validUntil();
                if (end.isEmpty() || !end.get().plusDays(1).equals(byStart.get(i + 1).validFrom())) {
                    gaps.add(byStart.get(i).id() + " -> " + byStart.get(i + 1).id());
                }
            }
            assertThat(byStart.get(byStart.size() - 1).validUntil()).as(byStart.get(0).id().value()).isEmpty();
        });
        assertThat(gaps).isEmpty();
    }

    @Test
    void idsAreMadeOfCountryTaxTypeAndFirstDayAndAreUnique() {
        assertThat(rules).extracting(TaxRule::id).doesNotHaveDuplicates();
        assertThat(rules).allSatisfy(rule -> assertThat(rule.id().value()).isEqualTo("default-"
                + rule.country().toLowerCase() + "-" + rule.taxType().name().toLowerCase().replace('_', '-') + "-"
                + rule.validFrom()));
        assertThat(rules).extracting(TaxRule::id).contains(new TaxRuleId("default-de-ebook-2019-12-18"),
                new TaxRuleId("default-de-digital-newspaper-2019-12-18"),
                new TaxRuleId("default-de-shipping-costs-2021-01-01"));
    }

    @Test
    void germanElectronicNewspapersAndBooksDropTo7PercentOn18December2019() {
        for (TaxType type : E_PUBLICATIONS) {
            assertThat(rateOn("DE", type, LocalDate.of(2019, 12, 17))).as(type.name()).isEqualTo(TaxRate.of("19"));
            assertThat(rateOn("DE", type, LocalDate.of(2019, 12, 18))).as(type.name()).isEqualTo(TaxRate.of("7"));
        }
        assertThat(rateOn("DE", TaxType.DIGITAL_NEWSPAPER, LocalDate.of(2007, 1, 1))).isEqualTo(TaxRate.of("19"));
    }

    @Test
    void germanySecondHalfOf2020HasTheTemporaryRates() {
        Map<LocalDate, List<String>> expected = Map.of(
                LocalDate.of(2020, 6, 30), List.of("19", "7"),
                LocalDate.of(2020, 7, 1), List.of("16", "5"),
                LocalDate.of(2020, 12, 31), List.of("16", "5"),
                LocalDate.of(2021, 1, 1), List.of("19", "7"));
        expected.forEach((day, rates) -> {
            assertThat(rateOn("DE", TaxType.DIGITAL_PRODUCT, day)).as("digital product on " + day)
                    .isEqualTo(TaxRate.of(rates.get(0)));
            assertThat(rateOn("DE", TaxType.EBOOK, day)).as("e-book on " + day).isEqualTo(TaxRate.of(rates.get(1)));
            assertThat(rateOn("DE", TaxType.NEWSPAPER, day)).as("newspaper on " + day)
                    .isEqualTo(TaxRate.of(rates.get(1)));
        });
    }

    @Test
    void germanyIsCompleteFrom2007() {
        List<TaxType> types = new ArrayList<>(STANDARD);
        types.addAll(E_PUBLICATIONS);
        types.addAll(List.of(TaxType.NEWSPAPER, TaxType.MAGAZINE, TaxType.BOOK));
        for (TaxType type : types) {
            assertThat(rules).as(type.name()).anyMatch(rule -> rule.country().equals("DE") && rule.taxType() == type
                    && rule.validFrom().equals(LocalDate.of(2007, 1, 1)));
            assertThat(rateOn("DE", type, TODAY)).as(type.name()).isEqualTo(TaxRate.of(
                    STANDARD.contains(type) ? "19" : "7"));
        }
    }

    @Test
    void everyMemberStateHasAStandardAndAnElectronicPublicationRuleToday() {
        for (String country : EU) {
            for (TaxType type : STANDARD) {
                assertThat(rulesOn(country, type, TODAY)).as(country + " " + type).hasSize(1);
            }
            for (TaxType type : E_PUBLICATIONS) {
                assertThat(rulesOn(country, type, TODAY)).as(country + " " + type).hasSize(1);
            }
        }
        assertThat(rules).extracting(TaxRule::country).allMatch(EU::contains);
    }

    @Test
    void theStandardGroupSharesOneRateInEveryState() {
        for (String country : EU) {
            Set<TaxRate> rates = STANDARD.stream().map(type -> rateOn(country, type, TODAY)).collect(Collectors.toSet());
            assertThat(rates).as(country).hasSize(1);
        }
        assertThat(rateOn("FI", TaxType.VIDEO, TODAY)).isEqualTo(TaxRate.of("25.5"));
        assertThat(rateOn("RO", TaxType.FEE, LocalDate.of(2025, 7, 31))).isEqualTo(TaxRate.of("19"));
        assertThat(rateOn("RO", TaxType.FEE, LocalDate.of(2025, 8, 1))).isEqualTo(TaxRate.of("21"));
        assertThat(rateOn("EE", TaxType.MUSIC, LocalDate.of(2025, 7, 1))).isEqualTo(TaxRate.of("24"));
        assertThat(rateOn("LU", TaxType.MEMBERSHIP, LocalDate.of(2023, 6, 1))).isEqualTo(TaxRate.of("16"));
    }

    @Test
    void austriaTaxesElectronicPublicationsAt10PercentAfterTheTemporary5Percent() {
        for (TaxType type : E_PUBLICATIONS) {
            assertThat(rateOn("AT", type, LocalDate.of(2021, 12, 31))).as(type.name()).isEqualTo(TaxRate.of("5"));
            assertThat(rateOn("AT", type, LocalDate.of(2022, 1, 1))).as(type.name()).isEqualTo(TaxRate.of("10"));
            assertThat(rateOn("AT", type, TODAY)).as(type.name()).isEqualTo(TaxRate.of("10"));
        }
        assertThat(rateOn("AT", TaxType.DIGITAL_PRODUCT, TODAY)).isEqualTo(TaxRate.of("20"));
    }

    @Test
    void donationsHaveNoDefaultAndPrintOnlyGermany() {
        assertThat(rules).noneMatch(rule -> rule.taxType() == TaxType.DONATION);
        assertThat(rules).filteredOn(rule -> Set.of(TaxType.NEWSPAPER, TaxType.MAGAZINE, TaxType.BOOK)
                .contains(rule.taxType())).extracting(TaxRule::country).containsOnly("DE");
    }

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

    private TaxRate rateOn(String country, TaxType type, LocalDate day) {
        List<TaxRule> applying = rulesOn(country, type, day);
        assertThat(applying).as(country + " " + type + " on " + day).hasSize(1);
        return applying.get(0).rate();
    }

    private List<TaxRule> rulesOn(String country, TaxType type, LocalDate day) {
        return rules.stream().filter(rule -> rule.country().equals(country) && rule.taxType() == type
                && rule.appliesOn(day)).toList();
    }
}
