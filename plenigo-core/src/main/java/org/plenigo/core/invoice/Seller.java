package org.plenigo.core.invoice;

import org.plenigo.core.Require;
import org.plenigo.core.customer.PostalAddress;

/**
 * The publisher as its invoices name it. Its address's country is the seller's country, whose
 * rates apply to domestic customers.
 *
 * @param vatId the seller's VAT identification number, printed on every invoice
 */
public record Seller(String name, PostalAddress address, String vatId) {
    public Seller {
        Require.maxLength(Require.notBlank(name, "seller.name"), 200, "seller.name");
        Require.notNull(address, "seller.address");
        Require.maxLength(Require.notBlank(vatId, "seller.vatId"), 20, "seller.vatId");
    }

    public String country() {
        return address.country();
    }
}
