package org.plenigo.core.charge;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;

/** Storage port for recorded {@link Charge}s. Ids and keys are unique. */
public interface ChargeRepository {
    /** Stores the charge unless its id or key exists; returns whether it was stored. */
    boolean insert(Charge charge);

    Optional<Charge> findByKey(IdempotencyKey key);

    /** The customer's charges, oldest first (by date, then id). */
    List<Charge> findByCustomer(CustomerId customerId);
}
