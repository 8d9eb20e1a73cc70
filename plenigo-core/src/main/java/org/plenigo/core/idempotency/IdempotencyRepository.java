package org.plenigo.core.idempotency;

import java.util.Optional;

/** Storage port for idempotency records. Keys are unique: a store enforces it with a constraint. */
public interface IdempotencyRepository {
    Optional<IdempotencyRecord> find(IdempotencyKey key);

    /** Stores the record unless one with the same key exists; returns whether it was stored. */
    boolean insert(IdempotencyRecord record);
}
