package org.plenigo.core.internal;
import java.util.ArrayList;
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
 */
public final class UnitOfWork {
    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);
    private static final int ATTEMPTS = 5;

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
            try {
                T result = transactions.inTransaction(() -> work.apply(events::add));
                transactions.afterCommit(() -> publish(events));
                return result;
            } catch (Abort abort) {
                transactions.afterCommit(() -> publish(abort.events));
                @SuppressWarnings("unchecked")
                T result = (T) abort.result;
                return result;
            } catch (ConflictException e) {
                if (e.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debug("retrying unit of work after a lost race (attempt {}): {}", attempt, e.getMessage());
            }
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
