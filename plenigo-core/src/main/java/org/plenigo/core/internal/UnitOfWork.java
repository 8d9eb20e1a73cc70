package org.plenigo.core.internal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one operation of a service as one transaction and publishes its events only after commit.
 * A unit of work that lost a race on a unique key ({@link ErrorCode#CONCURRENT_MODIFICATION}) is
 * rolled back and run again, so that the retry sees the winner's result (for idempotent operations:
 * a replay). An operation that must undo its writes but still answer with a value (a refusal)
 * calls {@link #abort}.
 *
 * <p>Inside a transaction the caller opened ({@link Transactions#inTransaction} around a service
 * call), the operation is a nested unit of work: a refusal, a failure or a lost race rolls back its
 * own writes only (to its savepoint), leaving the caller's writes as they were. A lost race is then
 * run again inside the caller's transaction, from the same state the first attempt started from;
 * the retry sees the winner's committed result where the database shows committed rows to an open
 * transaction (read committed, the default of PostgreSQL and H2). Its events, those of a refusal
 * included, are held until the caller's outermost transaction commits, and dropped if it rolls back
 * (see {@link Transactions#afterCommit}).
 *
 * <p>A few writes record facts that stay true when the operation rolls back, such as a declined
 * payment attempt: the provider was asked, and the attempt must be on record with its reason. The
 * operation writes them in its unit of work as usual and also hands them to
 * {@link #keepEvenIfRolledBack}. If the unit of work commits, they are passed on to the enclosing
 * one (if any, which may still roll back); if it rolls back, they are written again in a unit of
 * work of their own right after the rollback. So they must be idempotent (an insert that never
 * overwrites). This keeps the stores simple: no store needs a second, independent transaction
 * on another connection. Inside a transaction the host opened, "their own" unit of work is nested
 * in the host's and shares its fate, as everything written there does.
 */
public final class UnitOfWork {
    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);
    private static final int ATTEMPTS = 5;
    /** The writes to keep of each {@link #run} open on this thread, innermost first. */
    private static final ThreadLocal<Deque<List<Runnable>>> KEPT = ThreadLocal.withInitial(ArrayDeque::new);

    private final Transactions transactions;
    private final EventPublisher publisher;

    public UnitOfWork(Transactions transactions, EventPublisher publisher) {
        this.transactions = transactions;
        this.publisher = publisher;
    }

    /** Runs {@code work}, which receives a sink for the events its change produces. */
    public <T> T run(Function<Consumer<DomainEvent>, T> work) {
        for (int attempt = 1; ; attempt++) {
            List<DomainEvent> events = new ArrayList<>();
            List<Runnable> kept = new ArrayList<>();
            KEPT.get().push(kept);
            try {
                T result;
                try {
                    result = transactions.inTransaction(() -> work.apply(events::add));
                } finally {
                    popKept();
                }
                passOn(kept);
                transactions.afterCommit(() -> publish(events));
                return result;
            } catch (Abort abort) {
                writeAgain(kept);
                transactions.afterCommit(() -> publish(abort.events));
                @SuppressWarnings("unchecked")
                T result = (T) abort.result;
                return result;
            } catch (ConflictException e) {
                if (e.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt == ATTEMPTS) {
                    writeAgain(kept);
                    throw e;
                }
                // not kept: the retry makes the same attempts again, under the same keys
                LOG.debug("retrying unit of work after a lost race (attempt {}): {}", attempt, e.getMessage());
            } catch (RuntimeException | Error e) {
                writeAgain(kept);
                throw e;
            }
        }
    }

    /**
     * Has {@code write}, which the caller has just done in the current unit of work, done again
     * after that unit of work rolls back (see the class comment). It must be idempotent. Outside
     * {@link #run} it does nothing more: the write stands or falls with the caller's transaction.
     */
    public static void keepEvenIfRolledBack(Runnable write) {
        Deque<List<Runnable>> stack = KEPT.get();
        if (stack.isEmpty()) {
            KEPT.remove();
            return;
        }
        stack.peek().add(write);
    }

    private static void popKept() {
        Deque<List<Runnable>> stack = KEPT.get();
        stack.pop();
        if (stack.isEmpty()) {
            KEPT.remove();
        }
    }

    /** Hands the kept writes of a committed unit of work to the enclosing one, which may still roll back. */
    private static void passOn(List<Runnable> kept) {
        List<Runnable> outer = KEPT.get().peek();
        if (outer != null) {
            outer.addAll(kept);
        } else if (KEPT.get().isEmpty()) {
            KEPT.remove();
        }
    }

    private void writeAgain(List<Runnable> kept) {
        if (kept.isEmpty()) {
            return;
        }
        try {
            transactions.inTransaction(() -> {
                kept.forEach(Runnable::run);
                return null;
            });
            passOn(kept);
        } catch (RuntimeException e) {
            // the store that just failed the unit of work may fail this too; the caller sees the original failure
            LOG.warn("could not keep {} write(s) of a unit of work that rolled back", kept.size(), e);
        }
    }

    /**
     * Rolls the current unit of work back and makes {@link #run} return {@code result}, publishing
     * only {@code events} (facts that stay true after the rollback, such as a failed charge), as
     * soon as the transaction {@link #run} was called in, if any, has committed.
     */
    public static RuntimeException abort(Object result, List<? extends DomainEvent> events) {
        throw new Abort(result, List.copyOf(events));
    }

    private void publish(List<? extends DomainEvent> events) {
        for (DomainEvent event : events) {
            try {
                publisher.publish(event);
            } catch (RuntimeException e) {
                LOG.warn("event publisher failed on {}; the change itself is stored", event, e);
            }
        }
    }

    private static final class Abort extends RuntimeException {
        private final transient Object result;
        private final transient List<? extends DomainEvent> events;

        Abort(Object result, List<? extends DomainEvent> events) {
            super(null, null, false, false);
            this.result = result;
            this.events = events;
        }
    }
}
