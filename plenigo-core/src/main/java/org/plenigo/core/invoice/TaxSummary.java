package org.plenigo.core.invoice;

import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;

/** An invoice's figures at one rate: the sums of its lines at that rate. Net + tax = gross. */
public record TaxSummary(TaxRate rate, Money net, Money tax, Money gross) {
    public TaxSummary {
        Require.notNull(rate, "taxSummary.rate");
        Require.notNull(net, "taxSummary.net");
        Require.notNull(tax, "taxSummary.tax");
        Require.notNull(gross, "taxSummary.gross");
        if (!net.plus(tax).equals(gross)) {
            throw new ValidationException("taxSummary " + net + " net + " + tax + " tax is not " + gross + " gross");
        }
    }

    public TaxSummary negated() {
        return new TaxSummary(rate, net.negated(), tax.negated(), gross.negated());
    }
}
