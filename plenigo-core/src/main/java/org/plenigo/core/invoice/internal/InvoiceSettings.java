package org.plenigo.core.invoice.internal;

import org.plenigo.core.Require;
import org.plenigo.core.invoice.InvoiceSeries;
import org.plenigo.core.invoice.Seller;

/**
 * Who issues the invoices and from which number series: {@code invoices} numbers the invoices of
 * charges, {@code cancellations} the cancellations (the same series unless the host sets another).
 */
public record InvoiceSettings(Seller seller, InvoiceSeries invoices, InvoiceSeries cancellations) {
    public InvoiceSettings {
        Require.notNull(seller, "seller");
        Require.notNull(invoices, "invoiceSeries");
        Require.notNull(cancellations, "cancellationSeries");
    }
}
