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
}
