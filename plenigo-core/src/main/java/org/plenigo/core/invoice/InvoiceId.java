package org.plenigo.core.invoice;

import org.plenigo.core.Require;

/** The id of an {@link Invoice}; not its number, which the series gives. */
public record InvoiceId(String value) {
    public InvoiceId {
        Require.id(value, "invoiceId");
    }

    @Override
    public String toString() {
        return value;
    }
}
