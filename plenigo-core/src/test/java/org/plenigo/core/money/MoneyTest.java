package org.plenigo.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class MoneyTest {

    @Test
    void normalisesTheScaleToTheCurrency() {
        assertThat(Money.of("9.9", "EUR").amount()).isEqualByComparingTo("9.9").hasScaleOf(2);
        assertThat(Money.of("9.9", "EUR").amount().toPlainString()).isEqualTo("9.90");
        assertThat(Money.of("10", "EUR").amount().toPlainString()).isEqualTo("10.00");
        assertThat(Money.of("1e1", "EUR").amount().toPlainString()).isEqualTo("10.00");
        assertThat(Money.of("100", "JPY").amount().toPlainString()).isEqualTo("100");
        assertThat(Money.of("100.000", "JPY").amount().toPlainString()).isEqualTo("100");
        assertThat(Money.of("1.5", "KWD").amount().toPlainString()).isEqualTo("1.500");
    }

    @Test
    void equalAmountsWrittenDifferentlyAreEqual() {
        assertThat(Money.of("9.9", "EUR")).isEqualTo(Money.of("9.900", "EUR"));
        assertThat(Money.of("9.9", "EUR")).hasSameHashCodeAs(Money.of("9.900", "EUR"));
        assertThat(Money.of("5", "JPY")).isEqualTo(Money.of(new BigDecimal("5.0"), "JPY"));
    }

    @Test
    void refusesMoreFractionDigitsThanTheCurrencyHasInsteadOfRounding() {
        assertThatThrownBy(() -> Money.of("9.999", "EUR"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("9.999").hasMessageContaining("EUR").hasMessageContaining("2")
                .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThatThrownBy(() -> Money.of("0.001", "EUR")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Money.of("100.5", "JPY"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("JPY");
        assertThatThrownBy(() -> new Money(new BigDecimal("0.1"), Currency.getInstance("JPY")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void refusesInvalidInput() {
        assertThatThrownBy(() -> Money.of("9.99", "XYZ1"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'XYZ1'");
        assertThatThrownBy(() -> Money.of("9.99", "ABC"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'ABC'");
        assertThatThrownBy(() -> Money.of("9.99", "eur"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'eur'");
        assertThatThrownBy(() -> Money.of("9.99", (String) null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("currency");
        assertThatThrownBy(() -> Money.of("nine", "EUR"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'nine'");
        assertThatThrownBy(() -> Money.of((String) null, "EUR"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("currency");
    }

    @Test
    void currencyMismatchIsRefusedWithItsOwnCode() {
        Money eur = Money.of("1.00", "EUR");
        Money usd = Money.of("1.00", "USD");
        for (Runnable mix : new Runnable[] {() -> eur.plus(usd), () -> eur.minus(usd), () -> eur.compareTo(usd),
                () -> eur.requireSameCurrency(usd)}) {
            assertThatThrownBy(mix::run)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("EUR").hasMessageContaining("USD")
                    .extracting(e -> ((ValidationException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
        }
    }

    @Test
    void arithmetic() {
        Money a = Money.of("10.05", "EUR");
        Money b = Money.of("0.07", "EUR");
        assertThat(a.plus(b)).isEqualTo(Money.of("10.12", "EUR"));
        assertThat(a.minus(b)).isEqualTo(Money.of("9.98", "EUR"));
        assertThat(b.minus(a)).isEqualTo(Money.of("-9.98", "EUR"));
        assertThat(b.minus(a).isNegative()).isTrue();
        assertThat(b.minus(a).isPositive()).isFalse();
        assertThat(a.times(3)).isEqualTo(Money.of("30.15", "EUR"));
        assertThat(a.times(0)).isEqualTo(Money.zero(Currency.getInstance("EUR")));
        assertThat(Money.zero(Currency.getInstance("EUR")).amount().toPlainString()).isEqualTo("0.00");
        assertThat(Money.zero(Currency.getInstance("EUR")).isPositive()).isFalse();
        assertThat(Money.zero(Currency.getInstance("EUR")).isNegative()).isFalse();
        assertThat(a.compareTo(b)).isPositive();
        assertThat(b.compareTo(a)).isNegative();
        assertThat(a.compareTo(Money.of("10.050", "EUR"))).isZero();
        assertThat(Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR"))).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(a).hasToString("10.05 EUR");
        assertThat(Money.of("7", "JPY")).hasToString("7 JPY");
    }

    private static Gen<Money> money(String currency, int scale) {
        return longs().between(-1_000_000_000_000L, 1_000_000_000_000L)
                .map(unscaled -> new Money(BigDecimal.valueOf(unscaled, scale), Currency.getInstance(currency)));
    }

    private static Gen<Money> anyMoney() {
        return Generate.oneOf(money("EUR", 2), money("JPY", 0), money("KWD", 3));
    }

    @Test
    void plusAndMinusAreInverseAndKeepTheCurrencyScale() {
        qt().withExamples(2000).forAll(anyMoney(), longs().between(-1_000_000_000_000L, 1_000_000_000_000L))
                .checkAssert((a, unscaled) -> {
                    Money b = new Money(BigDecimal.valueOf(unscaled, a.currency().getDefaultFractionDigits()),
                            a.currency());
                    int scale = a.currency().getDefaultFractionDigits();
                    Money sum = a.plus(b);
                    assertThat(sum.minus(b)).isEqualTo(a);
                    assertThat(sum.minus(a)).isEqualTo(b);
                    assertThat(a.minus(b).plus(b)).isEqualTo(a);
                    assertThat(sum.amount().scale()).isEqualTo(scale);
                    assertThat(a.minus(b).amount().scale()).isEqualTo(scale);
                    assertThat(a.times(3).amount().scale()).isEqualTo(scale);
                    assertThat(sum.amount()).isEqualByComparingTo(a.amount().add(b.amount()));
                });
    }

    @Test
    void anAmountWithinTheCurrencyScaleSurvivesAnyTrailingZeros() {
        qt().forAll(longs().between(-1_000_000_000L, 1_000_000_000L), Generate.range(0, 6))
                .checkAssert((cents, extraZeros) -> {
                    BigDecimal plain = BigDecimal.valueOf(cents, 2);
                    BigDecimal padded = plain.setScale(2 + extraZeros);
                    Money money = Money.of(padded, "EUR");
                    assertThat(money).isEqualTo(Money.of(plain, "EUR"));
                    assertThat(money.amount().scale()).isEqualTo(2);
                });
    }
}
