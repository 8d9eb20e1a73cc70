package org.plenigo.core.store;

import java.util.function.Supplier;

/** Storage port: runs a unit of work atomically. */
public interface Transactions {
    /**
     * Runs {@code work} so that all of its writes are stored together or not at all. A call made
     * inside another call joins the outer unit of work. If {@code work} throws, everything it wrote
     * is rolled back and the exception is rethrown; a failure of the store itself surfaces as a
     * {@link org.plenigo.core.StorageException}.
     */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code work}, which only reads, as cheaply as the store can: it must see no write of a
     * unit of work that is not committed, but its reads need not share one snapshot, so a store
     * may run each statement on its own (no transaction to begin and commit). Used for the access
     * check, which is one read. Inside a unit of work it joins it. A store may run {@code work} more
     * than once and answer the last run's result, so {@code work} must start afresh each time (keep
     * nothing from an earlier run). The default runs a unit of work.
     */
    default <T> T read(Supplier<T> work) {
        return inTransaction(work);
    }
}
