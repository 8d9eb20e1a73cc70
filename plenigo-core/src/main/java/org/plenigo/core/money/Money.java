package org.plenigo.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * An amount of money in one currency, always at the currency's scale (two digits for EUR, none
 * for JPY). An amount with more significant fraction digits than the currency allows is refused
 * rather than rounded, so no cent is ever lost silently. Amounts of different currencies never mix.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Require.notNull(amount, "amount");
        Require.notNull(currency, "currency");
        int scale = Math.max(currency.getDefaultFractionDigits(), 0);
        try {
            amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ValidationException("amount " + amount.toPlainString() + " has more than " + scale
                    + " fraction digits allowed for " + currency.getCurrencyCode());
        }
    }

    /** Parses {@code amount} (e.g. {@code "9.99"}) in the currency with the ISO 4217 code {@code currencyCode}. */
    public static Money of(String amount, String currencyCode) {
        Require.notNull(amount, "amount");
        try {
            return new Money(new BigDecimal(amount), currency(currencyCode));
        } catch (NumberFormatException e) {
            throw new ValidationException("amount '" + amount + "' is not a decimal number");
        }
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** The currency with the given ISO 4217 code, or a {@link ValidationException} naming the code. */
    public static Currency currency(String currencyCode) {
        Require.notNull(currencyCode, "currency");
        try {
            Currency currency = Currency.getInstance(currencyCode);
            if (!currency.getCurrencyCode().equals(currencyCode)) {
                throw new IllegalArgumentException();
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new ValidationException("currency '" + currencyCode + "' is not an ISO 4217 code");
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(long factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    public Money negated() {
        return new Money(amount.negate(), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /** Throws a {@link ValidationException} with code {@link ErrorCode#CURRENCY_MISMATCH} unless both are in one currency. */
    public void requireSameCurrency(Money other) {
        Require.notNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new ValidationException(ErrorCode.CURRENCY_MISMATCH, "currency mismatch: "
                    + currency.getCurrencyCode() + " and " + other.currency.getCurrencyCode());
        }
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
