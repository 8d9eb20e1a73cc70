package org.plenigo.store.memory;

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
 */
final class MemoryTransactions implements Transactions {
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        boolean outermost = undoLog.get() == null;
        if (outermost) {
            undoLog.set(new ArrayDeque<>());
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
            }
            lock.unlock();
        }
    }

    /** Registers how to undo a write that was just made; refuses writes outside a unit of work. */
    void written(Runnable undo) {
        Deque<Runnable> log = undoLog.get();
        if (log == null) {
            throw new IllegalStateException("the in-memory store is written only inside Transactions.inTransaction");
        }
        log.push(undo);
    }

    private void rollback() {
        Deque<Runnable> log = undoLog.get();
        while (!log.isEmpty()) {
            log.pop().run();
        }
    }
}
