package org.plenigo.examples;

import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.invoice.Seller;

/** The publisher of the demos, as their invoices name it. */
final class DemoPublisher {
    static final Seller SELLER = new Seller("Beispiel Verlag GmbH",
            new PostalAddress("Zeitungsweg 1", "20095", "Hamburg", "DE"), "DE811234567");

    private DemoPublisher() {
    }
}
