package org.plenigo.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.PriceBasis;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.invoice.internal.InvoiceAmounts;
import org.plenigo.core.invoice.internal.InvoiceAmounts.Item;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** {@link InvoiceAmounts}: tax once per rate, rounded half-up, spread over the lines exactly. */
class InvoiceAmountsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final TaxRate SEVEN = TaxRate.of("7");
    private static final TaxRate NINETEEN = TaxRate.of("19");

    private static Item item(String description, String rate, String amount, String currency) {
        return new Item(description, TaxType.DIGITAL_NEWSPAPER, DAY, DAY.plusDays(30), TaxRate.of(rate),
                Money.of(amount, currency));
    }

    private static TaxSummary summary(String rate, String net, String tax, String gross, String currency) {
        return new TaxSummary(TaxRate.of(rate), Money.of(net, currency), Money.of(tax, currency),
                Money.of(gross, currency));
    }

    private static List<String> taxes(InvoiceAmounts amounts) {
        return amounts.lines().stream().map(line -> line.tax().amount().toPlainString()).toList();
    }

    @Test
    void theIssuesExamples() {
        assertThat(InvoiceAmounts.breakdown(PriceBasis.GROSS, SEVEN, Money.of("9.99", "EUR")))
                .isEqualTo(summary("7", "9.34", "0.65", "9.99", "EUR"));
        assertThat(InvoiceAmounts.breakdown(PriceBasis.GROSS, SEVEN, Money.of("4.99", "EUR")))
                .isEqualTo(summary("7", "4.66", "0.33", "4.99", "EUR"));
        assertThat(InvoiceAmounts.breakdown(PriceBasis.GROSS, TaxRate.of("5"), Money.of("9.99", "EUR")))
                .isEqualTo(summary("5", "9.51", "0.48", "9.99", "EUR"));
        assertThat(InvoiceAmounts.breakdown(PriceBasis.NET, NINETEEN, Money.of("100.00", "EUR")))
                .isEqualTo(summary("19", "100.00", "19.00", "119.00", "EUR"));
    }

    @Test
    void anInvoiceOfOneItemShowsItsBreakdown() {
        InvoiceAmounts amounts = InvoiceAmounts.of(PriceBasis.GROSS, List.of(item("Daily", "7", "9.99", "EUR")));

        assertThat(amounts.lines()).containsExactly(new InvoiceLine("Daily", TaxType.DIGITAL_NEWSPAPER, DAY,
                DAY.plusDays(30), SEVEN, Money.of("9.34", "EUR"), Money.of("0.65", "EUR"), Money.of("9.99", "EUR")));
        assertThat(amounts.taxSummaries()).containsExactly(summary("7", "9.34", "0.65", "9.99", "EUR"));
        assertThat(amounts.net()).isEqualTo(Money.of("9.34", "EUR"));
        assertThat(amounts.tax()).isEqualTo(Money.of("0.65", "EUR"));
        assertThat(amounts.gross()).isEqualTo(Money.of("9.99", "EUR"));

        InvoiceAmounts net = InvoiceAmounts.of(PriceBasis.NET, List.of(item("Daily", "19", "100", "EUR")));
        assertThat(net.lines().get(0).gross()).isEqualTo(Money.of("119.00", "EUR"));
        assertThat(net.gross()).isEqualTo(Money.of("119.00", "EUR"));
    }

    @Test
    void theTaxIsRoundedOncePerRateNotPerLine() {
        // Each 0.10 alone has 0.02 tax (0.0160 rounded); the three together have 0.05 (0.0479), not 0.06.
        assertThat(InvoiceAmounts.breakdown(PriceBasis.GROSS, NINETEEN, Money.of("0.10", "EUR")).tax())
                .isEqualTo(Money.of("0.02", "EUR"));
        InvoiceAmounts amounts = InvoiceAmounts.of(PriceBasis.GROSS, List.of(
                item("A", "19", "0.10", "EUR"), item("B", "19", "0.10", "EUR"), item("C", "19", "0.10", "EUR")));

        assertThat(amounts.taxSummaries()).containsExactly(summary("19", "0.25", "0.05", "0.30", "EUR"));
        assertThat(taxes(amounts)).containsExactly("0.02", "0.02", "0.01");
        assertThat(amounts.lines()).allSatisfy(line -> assertThat(line.gross()).isEqualTo(Money.of("0.10", "EUR")));

        // The same shares tie; the description breaks the tie, not the position.
        InvoiceAmounts reordered = InvoiceAmounts.of(PriceBasis.GROSS, List.of(
                item("C", "19", "0.10", "EUR"), item("A", "19", "0.10", "EUR"), item("B", "19", "0.10", "EUR")));
        assertThat(taxes(reordered)).containsExactly("0.01", "0.02", "0.02");
    }

    @Test
    void netPricesAreTaxedOncePerRateToo() {
        // 0.07 net alone has 0.01 tax (0.0133); three together have 0.04 (0.0399), not 0.03.
        InvoiceAmounts amounts = InvoiceAmounts.of(PriceBasis.NET, List.of(
                item("B", "19", "0.07", "EUR"), item("A", "19", "0.07", "EUR"), item("C", "19", "0.07", "EUR")));

        assertThat(amounts.taxSummaries()).containsExactly(summary("19", "0.21", "0.04", "0.25", "EUR"));
        assertThat(taxes(amounts)).containsExactly("0.01", "0.02", "0.01");
        assertThat(amounts.lines()).allSatisfy(line -> assertThat(line.net()).isEqualTo(Money.of("0.07", "EUR")));
    }

    @Test
    void eachRateIsTaxedOnItsOwnAndTheSummariesComeByRate() {
        InvoiceAmounts amounts = InvoiceAmounts.of(PriceBasis.GROSS, List.of(
                item("Print", "19", "10.00", "EUR"), item("Daily", "7", "9.99", "EUR"),
                item("Weekly", "7", "4.99", "EUR"), item("Archive", "0", "1.00", "EUR")));

        assertThat(amounts.lines()).extracting(InvoiceLine::description)
                .containsExactly("Print", "Daily", "Weekly", "Archive");
        assertThat(taxes(amounts)).containsExactly("1.60", "0.65", "0.33", "0.00");
        assertThat(amounts.taxSummaries()).containsExactly(
                summary("0", "1.00", "0.00", "1.00", "EUR"),
                summary("7", "14.00", "0.98", "14.98", "EUR"),
                summary("19", "8.40", "1.60", "10.00", "EUR"));
        assertThat(amounts.net()).isEqualTo(Money.of("23.40", "EUR"));
        assertThat(amounts.tax()).isEqualTo(Money.of("2.58", "EUR"));
        assertThat(amounts.gross()).isEqualTo(Money.of("25.98", "EUR"));
    }

    @Test
    void yenHaveNoFractionDigits() {
        assertThat(InvoiceAmounts.breakdown(PriceBasis.GROSS, TaxRate.of("10"), Money.of("1000", "JPY")))
                .isEqualTo(summary("10", "909", "91", "1000", "JPY"));
        assertThat(InvoiceAmounts.breakdown(PriceBasis.NET, TaxRate.of("8"), Money.of("1000", "JPY")))
                .isEqualTo(summary("8", "1000", "80", "1080", "JPY"));

        // 500 alone has 45 tax (45.45); two have 91 (90.91), spread as 46 and 45.
        InvoiceAmounts amounts = InvoiceAmounts.of(PriceBasis.GROSS, List.of(
                item("B", "10", "500", "JPY"), item("A", "10", "500", "JPY")));
        assertThat(taxes(amounts)).containsExactly("45", "46");
        assertThat(amounts.taxSummaries()).containsExactly(summary("10", "909", "91", "1000", "JPY"));
        assertThat(amounts.gross().amount().scale()).isZero();
    }

    @Test
    void zeroAmountsHaveZeroTax() {
        InvoiceAmounts amounts = InvoiceAmounts.of(PriceBasis.GROSS, List.of(
                item("Trial", "7", "0.00", "EUR"), item("Gift", "7", "0", "EUR")));

        assertThat(taxes(amounts)).containsExactly("0.00", "0.00");
        assertThat(amounts.taxSummaries()).containsExactly(summary("7", "0", "0", "0", "EUR"));
    }

    @Test
    void refusesMixedCurrenciesNegativeAmountsAndNoItems() {
        assertThatThrownBy(() -> InvoiceAmounts.of(PriceBasis.GROSS, List.of(
                item("Daily", "7", "9.99", "EUR"), item("Weekly", "19", "4.99", "USD"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("EUR").hasMessageContaining("USD")
                .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
        assertThatThrownBy(() -> item("Refund", "7", "-0.01", "EUR"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("item.amount")
                .hasMessageContaining("-0.01")
                .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThatThrownBy(() -> InvoiceAmounts.breakdown(PriceBasis.NET, SEVEN, Money.of("-1", "EUR")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> InvoiceAmounts.of(PriceBasis.GROSS, List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("items");
        assertThatThrownBy(() -> InvoiceAmounts.of(null, List.of(item("Daily", "7", "9.99", "EUR"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("priceBasis");
        assertThatThrownBy(() -> new Item("Daily", TaxType.EBOOK, DAY, DAY.minusDays(1), SEVEN,
                Money.of("1", "EUR")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("supplyUntil");
        assertThatThrownBy(() -> new Item(" ", TaxType.EBOOK, DAY, DAY, SEVEN, Money.of("1", "EUR")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("item.description");
    }

    @Test
    void refusesFiguresThatAreNotTheSumsOfTheLines() {
        InvoiceAmounts amounts = InvoiceAmounts.of(PriceBasis.GROSS, List.of(item("Daily", "7", "9.99", "EUR")));

        assertThatThrownBy(() -> new InvoiceAmounts(amounts.lines(), List.of(summary("7", "9.33", "0.66", "9.99",
                "EUR")))).isInstanceOf(ValidationException.class).hasMessageContaining("taxSummaries");
        assertThatThrownBy(() -> new InvoiceAmounts(List.of(), List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("lines");
    }

    // Properties

    private static final List<String> CURRENCIES = List.of("EUR", "JPY", "KWD");
    private static final List<String> RATES = List.of("0", "5", "5.5", "7", "8.1", "19", "20", "25.5");

    private static Gen<TaxRate> anyRate() {
        return Generate.range(0, 9999).map(hundredths -> new TaxRate(BigDecimal.valueOf(hundredths, 2)));
    }

    private static Gen<Money> anyAmount(String currency) {
        int scale = Money.currency(currency).getDefaultFractionDigits();
        return Generate.oneOf(Generate.longRange(0, 1_000), Generate.longRange(0, 100_000_000_000L))
                .map(units -> Money.of(BigDecimal.valueOf(units, scale), currency));
    }

    /** Items of one currency at a few rates; a few descriptions and amounts, so that ties are common. */
    private static Gen<List<Item>> anyItems() {
        Gen<String> descriptions = Generate.pick(List.of("Daily", "Weekly", "Archive"));
        Gen<TaxType> taxTypes = Generate.pick(List.of(TaxType.DIGITAL_NEWSPAPER, TaxType.EBOOK));
        Gen<Integer> days = Generate.range(0, 2);
        Gen<TaxRate> rates = Generate.pick(RATES).map(TaxRate::of);
        return in -> {
            String currency = Generate.pick(CURRENCIES).generate(in);
            int scale = Money.currency(currency).getDefaultFractionDigits();
            Gen<Money> amounts = Generate.oneOf(anyAmount(currency),
                    Generate.pick(List.of(1L, 10L, 99L, 499L)).map(u -> Money.of(BigDecimal.valueOf(u, scale), currency)));
            int size = Generate.range(1, 50).generate(in);
            List<Item> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                LocalDate from = DAY.plusDays(days.generate(in));
                items.add(new Item(descriptions.generate(in), taxTypes.generate(in), from,
                        from.plusDays(days.generate(in)), rates.generate(in), amounts.generate(in)));
            }
            return items;
        };
    }

    @Test
    void netPlusTaxIsGrossForAnyAmountAndRate() {
        qt().withExamples(3000).forAll(Generate.pick(CURRENCIES).flatMap(InvoiceAmountsTest::anyAmount), anyRate())
                .checkAssert((amount, rate) -> {
                    BigDecimal unit = BigDecimal.ONE.movePointLeft(amount.amount().scale());
                    BigDecimal half = unit.divide(BigDecimal.valueOf(2));

                    TaxSummary gross = InvoiceAmounts.breakdown(PriceBasis.GROSS, rate, amount);
                    assertThat(gross.gross()).isEqualTo(amount);
                    assertThat(gross.net().plus(gross.tax())).isEqualTo(gross.gross());
                    BigDecimal exact = amount.amount().multiply(rate.percent())
                            .divide(BigDecimal.valueOf(100).add(rate.percent()), MathContext.DECIMAL128);
                    assertThat(gross.tax().amount().subtract(exact).abs()).isLessThanOrEqualTo(half);
                    assertThat(gross.net().isNegative()).isFalse();

                    TaxSummary net = InvoiceAmounts.breakdown(PriceBasis.NET, rate, amount);
                    assertThat(net.net()).isEqualTo(amount);
                    assertThat(net.net().plus(net.tax())).isEqualTo(net.gross());
                    assertThat(net.tax().amount()).isEqualByComparingTo(amount.amount().multiply(rate.percent())
                            .movePointLeft(2).setScale(amount.amount().scale(), RoundingMode.HALF_UP));
                });
    }

    @Test
    void anyInvoiceIsTaxedOncePerRateAndItsLinesAddUpToItsFigures() {
        qt().withExamples(500).forAll(anyItems(), Generate.pick(List.of(PriceBasis.values())))
                .checkAssert((items, basis) -> {
                    InvoiceAmounts amounts = InvoiceAmounts.of(basis, items);

                    assertThat(amounts.lines()).hasSameSizeAs(items);
                    for (int i = 0; i < items.size(); i++) {
                        Item item = items.get(i);
                        InvoiceLine line = amounts.lines().get(i);
                        assertThat(line.description()).isEqualTo(item.description());
                        assertThat(line.rate()).isEqualTo(item.rate());
                        assertThat(basis == PriceBasis.GROSS ? line.gross() : line.net()).isEqualTo(item.amount());
                        assertThat(line.net().isNegative()).isFalse();
                    }
                    assertThat(amounts.taxSummaries()).isEqualTo(Invoice.summarise(amounts.lines()));
                    for (TaxSummary summary : amounts.taxSummaries()) {
                        List<Item> atRate = items.stream().filter(item -> item.rate().equals(summary.rate())).toList();
                        Money sum = atRate.stream().map(Item::amount).reduce(Money::plus).orElseThrow();
                        assertThat(summary).isEqualTo(InvoiceAmounts.breakdown(basis, summary.rate(), sum));
                        for (int i = 0; i < items.size(); i++) {
                            if (items.get(i).rate().equals(summary.rate()) && sum.isPositive()) {
                                // Largest remainder: each line's tax is its exact share rounded up or down.
                                BigDecimal share = summary.tax().amount().multiply(items.get(i).amount().amount())
                                        .divide(sum.amount(), MathContext.DECIMAL128);
                                BigDecimal unit = BigDecimal.ONE.movePointLeft(sum.amount().scale());
                                assertThat(amounts.lines().get(i).tax().amount().subtract(share).abs())
                                        .isLessThan(unit);
                            }
                        }
                    }
                    assertThat(anInvoice(amounts)).isNotNull();
                });
    }

    @Test
    void theFiguresDoNotDependOnTheOrderOfTheItems() {
        qt().withExamples(500).forAll(anyItems(), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
                        Generate.pick(List.of(PriceBasis.values())))
                .checkAssert((items, seed, basis) -> {
                    List<Item> shuffled = new ArrayList<>(items);
                    Collections.shuffle(shuffled, new Random(seed));

                    InvoiceAmounts amounts = InvoiceAmounts.of(basis, items);
                    InvoiceAmounts again = InvoiceAmounts.of(basis, shuffled);

                    assertThat(again.lines()).extracting(InvoiceLine::description)
                            .containsExactlyElementsOf(shuffled.stream().map(Item::description).toList());
                    assertThat(pairs(shuffled, again)).containsExactlyInAnyOrderElementsOf(pairs(items, amounts));
                    assertThat(again.taxSummaries()).isEqualTo(amounts.taxSummaries());
                });
    }

    /** Each item with the line made of it. */
    private static List<Map.Entry<Item, InvoiceLine>> pairs(List<Item> items, InvoiceAmounts amounts) {
        return IntStream.range(0, items.size())
                .mapToObj(i -> (Map.Entry<Item, InvoiceLine>) new SimpleEntry<>(items.get(i), amounts.lines().get(i)))
                .toList();
    }

    private static Invoice anInvoice(InvoiceAmounts amounts) {
        return new Invoice(new InvoiceId("inv-1"), "RE-2026-000001", "RE", InvoiceKind.INVOICE,
                InvoicePurpose.PURCHASE, CustomerId.of("c-1"), Instant.parse("2026-12-01T10:00:00Z"), DAY,
                new InvoiceParty("Verlag", Optional.empty(), Optional.of("DE123456789")),
                new InvoiceParty("Erika", Optional.empty(), Optional.empty()), amounts.lines(), amounts.taxSummaries(),
                amounts.net(), amounts.tax(), amounts.gross(), TaxTreatment.TAXED,
                ChargeReference.singlePurchase("p-1"), Optional.empty(), Optional.empty());
    }
}
