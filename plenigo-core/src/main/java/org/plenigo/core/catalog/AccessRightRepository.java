package org.plenigo.core.catalog;

import java.util.Optional;

/** Storage port for {@link AccessRight}s. Ids are unique. */
public interface AccessRightRepository {
    /** Stores {@code accessRight} unless its id exists; returns whether it was stored. */
    boolean insert(AccessRight accessRight);

    Optional<AccessRight> find(AccessRightId id);
}
