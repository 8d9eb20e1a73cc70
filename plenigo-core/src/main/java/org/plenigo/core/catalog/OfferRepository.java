package org.plenigo.core.catalog;

import java.util.Optional;

/** Storage port for {@link Offer}s. Ids are unique. */
public interface OfferRepository {
    /** Stores {@code offer} unless its id exists; returns whether it was stored. */
    boolean insert(Offer offer);

    Optional<Offer> find(OfferId id);
}
