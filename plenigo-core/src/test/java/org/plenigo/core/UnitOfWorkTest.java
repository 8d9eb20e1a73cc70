package org.plenigo.core;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.store.Transactions;

class UnitOfWorkTest {
    private record Happened(String what) implements DomainEvent {
        @Override
        public Instant occurredAt() {
            return Instant.EPOCH;
        }
    }

    /** Runs the work directly and remembers how often it was asked to. */
    private static final class DirectTransactions implements Transactions {
        int calls;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            calls++;
            return work.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    }

    /**
     * Nests as a store does: actions to run after commit wait for the outermost call to return and
     * are dropped when it, or the nested call they were registered in, throws.
     */
    private static final class NestingTransactions implements Transactions {
        private final List<Runnable> afterCommit = new ArrayList<>();
        private int depth;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            int mark = afterCommit.size();
            depth++;
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                afterCommit.subList(mark, afterCommit.size()).clear();
                throw e;
            } finally {
                depth--;
            }
            if (depth == 0) {
                List<Runnable> committed = List.copyOf(afterCommit);
                afterCommit.clear();
                committed.forEach(Runnable::run);
            }
            return result;
        }

        @Override
        public void afterCommit(Runnable action) {
            if (depth == 0) {
                action.run();
            } else {
                afterCommit.add(action);
            }
        }
    }

    /** Records every event it is given, and may be told to fail on some. */
    private static final class RecordingPublisher implements EventPublisher {
        final List<DomainEvent> published = new ArrayList<>();
        String failOn;

        @Override
        public void publish(DomainEvent event) {
            published.add(event);
            if (event instanceof Happened h && h.what().equals(failOn)) {
                throw new IllegalStateException("subscriber down");
            }
        }
    }

    private final DirectTransactions transactions = new DirectTransactions();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final UnitOfWork unitOfWork = new UnitOfWork(transactions, publisher);

    @Test
    void publishesTheEventsAfterTheWorkSucceeded() {
        List<DomainEvent> seenDuringWork = new ArrayList<>();
        String result = unitOfWork.run(events -> {
            events.accept(new Happened("one"));
            events.accept(new Happened("two"));
            seenDuringWork.addAll(publisher.published);
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(seenDuringWork).isEmpty();
        assertThat(publisher.published).containsExactly(new Happened("one"), new Happened("two"));
        assertThat(transactions.calls).isEqualTo(1);
    }

    @Test
    void publishesNothingWhenTheWorkFails() {
        assertThatThrownBy(() -> unitOfWork.run(events -> {
            events.accept(new Happened("one"));
            throw new ValidationException("bad input");
        })).isInstanceOf(ValidationException.class).hasMessage("bad input");
        assertThat(publisher.published).isEmpty();
        assertThat(transactions.calls).isEqualTo(1);
    }

    @Test
    void anOtherConflictIsNotRetried() {
        assertThatThrownBy(() -> unitOfWork.run(events -> {
            events.accept(new Happened("one"));
            throw new ConflictException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "reused");
        })).isInstanceOf(ConflictException.class).hasMessage("reused");
        assertThat(transactions.calls).isEqualTo(1);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void onAbortReturnsTheResultAndPublishesOnlyTheAbortsEvents() {
        String result = unitOfWork.run(events -> {
            events.accept(new Happened("rolled back"));
            throw UnitOfWork.abort("refused", List.of(new Happened("charge failed")));
        });
        assertThat(result).isEqualTo("refused");
        assertThat(publisher.published).containsExactly(new Happened("charge failed"));
        assertThat(transactions.calls).isEqualTo(1);
    }

    @Test
    void abortPassesThroughTheTransactionSoItRollsBack() {
        List<Throwable> seenByTransaction = new ArrayList<>();
        Transactions observing = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    seenByTransaction.add(e);
                    throw e;
                }
            }

            @Override
            public void afterCommit(Runnable action) {
                action.run();
            }
        };
        Object result = new UnitOfWork(observing, publisher).run(events -> {
            throw UnitOfWork.abort(42, List.of());
        });
        assertThat(result).isEqualTo(42);
        assertThat(seenByTransaction).hasSize(1);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void retriesALostRaceAndPublishesOnlyTheSuccessfulAttemptsEvents() {
        AtomicInteger attempts = new AtomicInteger();
        String result = unitOfWork.run(events -> {
            int attempt = attempts.incrementAndGet();
            events.accept(new Happened("attempt " + attempt));
            if (attempt < 3) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "lost race " + attempt);
            }
            return "won on " + attempt;
        });
        assertThat(result).isEqualTo("won on 3");
        assertThat(transactions.calls).isEqualTo(3);
        assertThat(publisher.published).containsExactly(new Happened("attempt 3"));
    }

    @Test
    void givesUpAfterFiveLostRaces() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> unitOfWork.run(events -> {
            events.accept(new Happened("attempt"));
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "lost race " + attempts.incrementAndGet());
        })).isInstanceOf(ConflictException.class)
                .hasMessage("lost race 5")
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
        assertThat(attempts).hasValue(5);
        assertThat(transactions.calls).isEqualTo(5);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aFailingPublisherDoesNotUndoOrHideTheResult() {
        publisher.failOn = "one";
        String result = unitOfWork.run(events -> {
            events.accept(new Happened("one"));
            events.accept(new Happened("two"));
            return "stored";
        });
        assertThat(result).isEqualTo("stored");
        // the failure on the first event does not keep the second from being published
        assertThat(publisher.published).containsExactly(new Happened("one"), new Happened("two"));
        assertThat(transactions.calls).isEqualTo(1);
    }

    @Test
    void aFailingPublisherDoesNotHideAnAbortsResult() {
        publisher.failOn = "charge failed";
        Object result = unitOfWork.run(events -> {
            throw UnitOfWork.abort("refused", List.of(new Happened("charge failed"), new Happened("after")));
        });
        assertThat(result).isEqualTo("refused");
        assertThat(publisher.published).containsExactly(new Happened("charge failed"), new Happened("after"));
    }

    // ----- inside a transaction the caller opened -----

    private final NestingTransactions nesting = new NestingTransactions();
    private final UnitOfWork nested = new UnitOfWork(nesting, publisher);

    @Test
    void insideAnOpenTransactionTheEventsWaitForItsCommit() {
        List<DomainEvent> seenBeforeCommit = nesting.inTransaction(() -> {
            nested.run(events -> {
                events.accept(new Happened("one"));
                return "done";
            });
            return List.copyOf(publisher.published);
        });

        assertThat(seenBeforeCommit).isEmpty();
        assertThat(publisher.published).containsExactly(new Happened("one"));
    }

    @Test
    void insideAnOpenTransactionThatRollsBackTheEventsAreDropped() {
        RuntimeException failure = new RuntimeException("the caller rolls back");

        assertThatThrownBy(() -> nesting.inTransaction(() -> {
            nested.run(events -> {
                events.accept(new Happened("one"));
                return "done";
            });
            nested.run(events -> {
                throw UnitOfWork.abort("refused", List.of(new Happened("charge failed")));
            });
            throw failure;
        })).isSameAs(failure);

        assertThat(publisher.published).isEmpty();
    }

    @Test
    void insideAnOpenTransactionARefusalsEventsWaitForItsCommitToo() {
        Object result = nesting.inTransaction(() -> {
            Object refused = nested.run(events -> {
                events.accept(new Happened("rolled back"));
                throw UnitOfWork.abort("refused", List.of(new Happened("charge failed")));
            });
            assertThat(publisher.published).isEmpty();
            return refused;
        });

        assertThat(result).isEqualTo("refused");
        assertThat(publisher.published).containsExactly(new Happened("charge failed"));
    }

    @Test
    void insideAnOpenTransactionALostRaceIsRetriedAndOnlyTheLastAttemptsEventsArePublishedAtCommit() {
        AtomicInteger attempts = new AtomicInteger();
        String result = nesting.inTransaction(() -> nested.run(events -> {
            int attempt = attempts.incrementAndGet();
            events.accept(new Happened("attempt " + attempt));
            if (attempt < 2) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "lost race " + attempt);
            }
            return "won on " + attempt;
        }));

        assertThat(result).isEqualTo("won on 2");
        assertThat(publisher.published).containsExactly(new Happened("attempt 2"));
    }

    @Test
    void aWriteKeptEvenIfRolledBackIsWrittenAgainAfterAnAbort() {
        DirectTransactions transactions = new DirectTransactions();
        UnitOfWork unitOfWork = new UnitOfWork(transactions, EventPublisher.NONE);
        List<String> written = new ArrayList<>();

        String result = unitOfWork.run(events -> {
            written.add("declined attempt");
            UnitOfWork.keepEvenIfRolledBack(() -> written.add("declined attempt, again"));
            throw UnitOfWork.abort("refused", List.of());
        });

        assertThat(result).isEqualTo("refused");
        assertThat(written).containsExactly("declined attempt", "declined attempt, again");
        assertThat(transactions.calls).as("the rollback's unit of work, then the kept write's").isEqualTo(2);
    }

    @Test
    void aWriteKeptInACommittedNestedUnitOfWorkIsWrittenAgainWhenTheOuterOneFails() {
        UnitOfWork unitOfWork = new UnitOfWork(new NestingTransactions(), EventPublisher.NONE);
        List<String> written = new ArrayList<>();
        RuntimeException failure = new IllegalStateException("outer fails");

        assertThatThrownBy(() -> unitOfWork.run(outer -> {
            unitOfWork.run(inner -> {
                UnitOfWork.keepEvenIfRolledBack(() -> written.add("kept"));
                return null;
            });
            throw failure;
        })).isSameAs(failure);

        assertThat(written).containsExactly("kept");
    }

    @Test
    void aKeptWriteOfAUnitOfWorkThatCommitsIsNotWrittenAgain() {
        UnitOfWork unitOfWork = new UnitOfWork(new DirectTransactions(), EventPublisher.NONE);
        List<String> written = new ArrayList<>();

        unitOfWork.run(events -> {
            UnitOfWork.keepEvenIfRolledBack(() -> written.add("again"));
            return null;
        });

        assertThat(written).isEmpty();
    }

    @Test
    void aLostRaceRetriedDoesNotWriteTheKeptWritesOfTheAttemptItReplaces() {
        UnitOfWork unitOfWork = new UnitOfWork(new DirectTransactions(), EventPublisher.NONE);
        List<String> written = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();

        unitOfWork.run(events -> {
            UnitOfWork.keepEvenIfRolledBack(() -> written.add("attempt " + attempts.get()));
            if (attempts.incrementAndGet() == 1) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "lost a race");
            }
            return null;
        });

        assertThat(attempts).hasValue(2);
        assertThat(written).isEmpty();
    }
}
