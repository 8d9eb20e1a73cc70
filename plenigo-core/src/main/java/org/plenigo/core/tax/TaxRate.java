package org.plenigo.core.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * A tax rate in percent with at most two decimals, from 0 up to, not including, 100; kept at scale
 * two ({@code 7} is {@code 7.00}).
 */
public record TaxRate(BigDecimal percent) implements Comparable<TaxRate> {
    // before ZERO, whose construction reads it
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** No tax: the rate of a reverse charge and of a supply not taxable in the EU. */
    public static final TaxRate ZERO = new TaxRate(BigDecimal.ZERO);

    public TaxRate {
        Require.notNull(percent, "taxRate.percent");
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) >= 0) {
            throw new ValidationException("taxRate.percent must be from 0 up to 100, was " + percent.toPlainString());
        }
        try {
            percent = percent.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ValidationException("taxRate.percent " + percent.toPlainString()
                    + " has more than two decimals");
        }
    }

    /** Parses a percentage such as {@code "19"} or {@code "5.5"}. */
    public static TaxRate of(String percent) {
        Require.notNull(percent, "taxRate.percent");
        try {
            return new TaxRate(new BigDecimal(percent));
        } catch (NumberFormatException e) {
            throw new ValidationException("taxRate.percent '" + percent + "' is not a decimal number");
        }
    }

    public boolean isZero() {
        return percent.signum() == 0;
    }

    @Override
    public int compareTo(TaxRate other) {
        return percent.compareTo(other.percent);
    }

    /** The percentage without trailing zeros and the sign, e.g. {@code 7 %} or {@code 5.5 %}. */
    @Override
    public String toString() {
        return percent.stripTrailingZeros().toPlainString() + " %";
    }
}
