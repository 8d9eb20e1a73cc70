package org.plenigo.core.consent;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.customer.CustomerId;

/** Storage port for {@link Consent}s: append-only, nothing is updated or deleted. */
public interface ConsentRepository {
    /** Stores {@code consent} unless its id exists; returns whether it was stored. */
    boolean insert(Consent consent);

    Optional<Consent> find(ConsentId id);

    /** The customer's answers to every purpose, in the order they were stored (oldest first). */
    List<Consent> findByCustomer(CustomerId customerId);
}
