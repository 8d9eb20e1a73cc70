package org.plenigo.core.store;

import java.util.function.Supplier;

/**
 * Storage port: runs a unit of work atomically. Repositories are used only inside
 * {@link #inTransaction} or {@link #read}; a store refuses a repository call made outside both with
 * a {@link org.plenigo.core.PlenigoException} of code {@link org.plenigo.core.ErrorCode#NO_TRANSACTION}.
 */
public interface Transactions {
    /**
     * Runs {@code work} so that all of its writes are stored together or not at all. If
     * {@code work} throws, everything it wrote is rolled back and the exception is rethrown; a
     * failure of the store itself surfaces as a {@link org.plenigo.core.StorageException}.
     *
     * <p>A call made inside another call on the same thread is nested: its writes become part of
     * the outer unit of work and are committed or rolled back with it, but if the nested
     * {@code work} throws, only what it wrote is rolled back (a savepoint), and the outer unit of
     * work, still open and usable, decides what to do with the exception.
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

    /**
     * Runs {@code action} once what the current thread has written so far is committed: at once if
     * no unit of work is open on this thread, otherwise after the outermost unit of work has
     * committed (in the order registered, after the store has let go of the transaction). It is
     * dropped, never run, if that unit of work, or a nested one open when {@code action} was
     * registered, rolls back. The action must not throw: the commit stands; should one throw
     * anyway, the later actions still run and the exception reaches the caller of the outermost
     * {@link #inTransaction}. With a store that joins a transaction its host manages, "committed"
     * means the store's outermost unit of work ended; the host's own commit is not seen.
     *
     * <p>There is no default: a store whose units of work never nest may run {@code action} at once,
     * and a {@code Transactions} that wraps another must pass it on, or a service's events would be
     * published before the caller's transaction commits.
     */
    void afterCommit(Runnable action);
}
