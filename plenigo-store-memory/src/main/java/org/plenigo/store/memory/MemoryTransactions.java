package org.plenigo.store.memory;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.store.AfterCommitActions;
import org.plenigo.core.store.Transactions;

/**
 * Transactions of the in-memory store: one unit of work at a time (a single store-wide lock), so
 * every unit of work sees a consistent state and conditional updates cannot interleave. Each write
 * registers how to undo it; a unit of work that throws is undone in reverse order before the
 * exception is rethrown. A nested unit of work marks the undo log where it starts and, if it
 * throws, undoes back to that mark only, so the outer unit of work goes on without its writes.
 * Actions to run after commit are kept per thread, marked the same way, and run once the outermost
 * unit of work has committed and let go of the lock.
 *
 * <p>Every repository call first checks that its thread is inside a unit of work or a read (one
 * {@link ThreadLocal} look-up), so that a forgotten transaction fails here as it does on the JDBC
 * store.
 *
 * <p>{@link #read} runs without the lock, as a sequence lock: a version counter is incremented
 * when an outermost unit of work starts and again when it has committed or rolled back, so it is
 * odd while one is in progress. A read that starts at an even version and finds the same version
 * after its work saw no write of an unfinished unit of work (every write happens after the
 * increment that precedes it, and a read that saw one finds the version changed); otherwise it
 * runs again, and after a few tries it takes the lock. The work must not fail on what a write in
 * progress leaves half done: tables are concurrent maps of immutable rows, and
 * {@link ReadIndex} is made for it.
 */
final class MemoryTransactions implements Transactions {
    private static final int OPTIMISTIC_TRIES = 8;
    private static final int SPINS = 64;

    /** What one thread has open on this store; only that thread touches it. */
    private static final class Scope {
        /** Units of work open, nested ones included. */
        int depth;
        /** Reads open outside a unit of work. */
        int reads;
        final List<Runnable> undo = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Scope> scopes = ThreadLocal.withInitial(Scope::new);
    /** Odd while a unit of work is in progress; written only by the thread holding the lock. */
    private volatile long version;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Scope scope = scopes.get();
        lock.lock();
        boolean outermost = scope.depth == 0;
        int undoMark = scope.undo.size();
        int actionMark = scope.afterCommit.size();
        if (outermost) {
            version = version + 1;
        }
        scope.depth++;
        T result;
        try {
            result = work.get();
        } catch (Throwable e) {
            // also a checked exception thrown sneakily through the Supplier must not leave half a unit of work
            undoTo(scope.undo, undoMark);
            truncate(scope.afterCommit, actionMark);
            throw e;
        } finally {
            scope.depth--;
            if (outermost) {
                scope.undo.clear();
                version = version + 1;
            }
            lock.unlock();
        }
        if (outermost) {
            AfterCommitActions.runAndClear(scope.afterCommit);
        }
        return result;
    }

    @Override
    public <T> T read(Supplier<T> work) {
        Scope scope = scopes.get();
        if (scope.depth > 0 || scope.reads > 0) {
            return work.get(); // joins this thread's unit of work, or the read around it, which checks
        }
        scope.reads++;
        try {
            return readOptimistically(work);
        } finally {
            scope.reads--;
        }
    }

    private <T> T readOptimistically(Supplier<T> work) {
        for (int attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
            long before = version;
            if ((before & 1) != 0) {
                for (int spin = 0; spin < SPINS && version == before; spin++) {
                    Thread.onSpinWait();
                }
                continue;
            }
            T result;
            try {
                result = work.get();
            } catch (Throwable e) {
                VarHandle.acquireFence();
                if (version == before) {
                    throw e;
                }
                continue; // it may have failed on a write it should never have seen
            }
            // the work's reads complete before the version is read again, plain reads included
            VarHandle.acquireFence();
            if (version == before) {
                return result;
            }
        }
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        Scope scope = scopes.get();
        if (scope.depth == 0) {
            action.run();
        } else {
            scope.afterCommit.add(action);
        }
    }

    /** Refuses reads outside a unit of work or a read. */
    void requireOpen() {
        Scope scope = scopes.get();
        if (scope.depth == 0 && scope.reads == 0) {
            throw new PlenigoException(ErrorCode.NO_TRANSACTION,
                    "the in-memory store is used only inside Transactions.inTransaction or read");
        }
    }

    /** Refuses writes outside a unit of work, before anything is written. */
    void requireUnitOfWork() {
        if (scopes.get().depth == 0) {
            throw new PlenigoException(ErrorCode.NO_TRANSACTION,
                    "the in-memory store is written only inside Transactions.inTransaction");
        }
    }

    /** Registers how to undo a write that was just made. */
    void written(Runnable undo) {
        scopes.get().undo.add(undo);
    }

    private static void undoTo(List<Runnable> undo, int mark) {
        for (int i = undo.size() - 1; i >= mark; i--) {
            undo.remove(i).run();
        }
    }

    private static void truncate(List<Runnable> actions, int mark) {
        actions.subList(mark, actions.size()).clear();
    }
}
