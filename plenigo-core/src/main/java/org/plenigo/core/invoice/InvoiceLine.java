package org.plenigo.core.invoice;

import java.time.LocalDate;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;

/**
 * One thing an invoice bills: what it is, the days it was supplied on ({@code supplyFrom} through
 * {@code supplyUntil}; one day for a purchase or a top-up), its rate and its net, tax and gross.
 * Net + tax = gross.
 */
public record InvoiceLine(String description, TaxType taxType, LocalDate supplyFrom, LocalDate supplyUntil,
                          TaxRate rate, Money net, Money tax, Money gross) {
    public InvoiceLine {
        Require.maxLength(Require.notBlank(description, "invoiceLine.description"), 250, "invoiceLine.description");
        Require.notNull(taxType, "invoiceLine.taxType");
        Require.notNull(supplyFrom, "invoiceLine.supplyFrom");
        Require.notNull(supplyUntil, "invoiceLine.supplyUntil");
        Require.notNull(rate, "invoiceLine.rate");
        Require.notNull(net, "invoiceLine.net");
        Require.notNull(tax, "invoiceLine.tax");
        Require.notNull(gross, "invoiceLine.gross");
        if (supplyUntil.isBefore(supplyFrom)) {
            throw new ValidationException("invoiceLine.supplyUntil " + supplyUntil + " is before supplyFrom "
                    + supplyFrom);
        }
        if (!net.plus(tax).equals(gross)) {
            throw new ValidationException("invoiceLine " + net + " net + " + tax + " tax is not " + gross + " gross");
        }
    }

    /** The same line with its amounts negated, for a cancellation. */
    public InvoiceLine negated() {
        return new InvoiceLine(description, taxType, supplyFrom, supplyUntil, rate, net.negated(), tax.negated(),
                gross.negated());
    }
}
