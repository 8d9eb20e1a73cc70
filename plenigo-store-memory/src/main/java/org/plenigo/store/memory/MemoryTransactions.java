package org.plenigo.store.memory;

import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.plenigo.core.store.Transactions;

/**
 * Transactions of the in-memory store: one unit of work at a time (a single store-wide lock), so
 * every unit of work sees a consistent state and conditional updates cannot interleave. Each write
 * registers how to undo it; a unit of work that throws is undone in reverse order before the
 * exception is rethrown. Nested calls join the outermost unit of work.
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

    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();
    /** Odd while a unit of work is in progress; written only by the thread holding the lock. */
    private volatile long version;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        boolean outermost = undoLog.get() == null;
        if (outermost) {
            undoLog.set(new ArrayDeque<>());
            version = version + 1;
        }
        try {
            return work.get();
        } catch (Throwable e) {
            // also a checked exception thrown sneakily through the Supplier must not leave half a unit of work
            if (outermost) {
                rollback();
            }
            throw e;
        } finally {
            if (outermost) {
                undoLog.remove();
                version = version + 1;
            }
            lock.unlock();
        }
    }

    @Override
    public <T> T read(Supplier<T> work) {
        for (int attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
            long before = version;
            if ((before & 1) != 0) {
                if (lock.isHeldByCurrentThread()) {
                    return work.get(); // inside this thread's own unit of work: join it
                }
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

    /** Refuses writes outside a unit of work, before anything is written. */
    void requireUnitOfWork() {
        if (undoLog.get() == null) {
            throw new IllegalStateException("the in-memory store is written only inside Transactions.inTransaction");
        }
    }

    /** Registers how to undo a write that was just made. */
    void written(Runnable undo) {
        undoLog.get().push(undo);
    }

    private void rollback() {
        Deque<Runnable> log = undoLog.get();
        while (!log.isEmpty()) {
            log.pop().run();
        }
    }
}
