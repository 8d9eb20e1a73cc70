package org.plenigo.core.catalog;

import java.util.Optional;

/** Storage port for {@link CreditProduct}s. Ids are unique; the order of contents is kept. */
public interface CreditProductRepository {
    /** Stores {@code product} unless its id exists; returns whether it was stored. */
    boolean insert(CreditProduct product);

    Optional<CreditProduct> find(CreditProductId id);
}
