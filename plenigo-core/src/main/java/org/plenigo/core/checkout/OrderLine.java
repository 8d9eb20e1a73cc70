package org.plenigo.core.checkout;

import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;

/**
 * One line of an order's price breakdown: what is bought, how many, and for all of them together
 * the net amount, the rate, the tax and the gross amount, as the tax rules give them for the
 * order's customer.
 *
 * @param quantity how many of the offer; the amounts are for all of them
 */
public record OrderLine(String description, TaxType taxType, int quantity, TaxRate rate, Money net, Money tax,
                        Money gross) {
    public OrderLine {
        Require.maxLength(Require.notBlank(description, "orderLine.description"), 250, "orderLine.description");
        Require.notNull(taxType, "orderLine.taxType");
        Require.positive(quantity, "orderLine.quantity");
        Require.notNull(rate, "orderLine.rate");
        Require.notNull(net, "orderLine.net");
        Require.notNull(tax, "orderLine.tax");
        Require.notNull(gross, "orderLine.gross");
        if (net.isNegative() || tax.isNegative()) {
            throw new ValidationException("orderLine amounts must not be negative, were " + net + " net and " + tax
                    + " tax");
        }
        if (!net.plus(tax).equals(gross)) {
            throw new ValidationException("orderLine " + net + " net + " + tax + " tax is not " + gross + " gross");
        }
    }
}
