package org.plenigo.core.invoice;

import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.customer.PostalAddress;

/** A party as an invoice names it, kept as it was when the invoice was issued. */
public record InvoiceParty(String name, Optional<PostalAddress> address, Optional<String> vatId) {
    public InvoiceParty {
        Require.maxLength(Require.notBlank(name, "invoiceParty.name"), 200, "invoiceParty.name");
        Require.notNull(address, "invoiceParty.address");
        Require.notNull(vatId, "invoiceParty.vatId");
    }
}
