package org.plenigo.benchmarks;

import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.invoice.Seller;

/** The publisher whose invoices the benchmarks issue. */
final class Publisher {
    static final Seller SELLER = new Seller("Benchmark Verlag GmbH",
            new PostalAddress("Messweg 1", "10115", "Berlin", "DE"), "DE123456789");

    private Publisher() {
    }
}
