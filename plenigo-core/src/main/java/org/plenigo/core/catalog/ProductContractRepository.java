package org.plenigo.core.catalog;

import java.util.Optional;

/** Storage port for {@link ProductContract}s. Ids are unique. */
public interface ProductContractRepository {
    /** Stores {@code productContract} unless its id exists; returns whether it was stored. */
    boolean insert(ProductContract productContract);

    Optional<ProductContract> find(ProductContractId id);
}
