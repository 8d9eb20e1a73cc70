package org.plenigo.core.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Storage port for {@link Offer}s. Ids are unique. */
public interface OfferRepository {
    /** Stores {@code offer} unless its id exists; returns whether it was stored. */
    boolean insert(Offer offer);

    Optional<Offer> find(OfferId id);

    /** The ids of the offers that grant at least one of {@code accessRights}, ordered by id. */
    List<OfferId> findGranting(Collection<AccessRightId> accessRights);
}
