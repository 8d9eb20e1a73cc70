package org.plenigo.core.checkout;

import java.time.Instant;
import java.util.Optional;

/** Storage port for checkout {@link Order}s, with their lines and consent questions. Ids are unique. */
public interface OrderRepository {
    /** Stores {@code order} unless its id exists; returns whether it was stored. */
    boolean insert(Order order);

    Optional<Order> find(OrderId id);

    /**
     * Marks the order COMPLETED at {@code at}, only if it is OPEN; returns whether it did. This is
     * how two completions of one order agree that only one of them stores what it sells.
     */
    boolean complete(OrderId id, Instant at);
}
