package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;

/**
 * Contract of nested units of work in {@link org.plenigo.core.store.Transactions}: a nested call
 * shares the outer unit of work's fate, but one that throws rolls back only what it wrote and
 * leaves the outer one usable; actions registered to run after commit run once the outermost unit
 * of work has committed, and never for one that rolled back.
 */
public abstract class NestedTransactionsContract extends TransactionsFixtures {
    @Test
    void aNestedCallSharesTheOuterUnitOfWorksWrites() {
        Optional<Customer> seenByOuter = tx(() -> {
            tx(() -> store.customers().insert(newCustomer("c1")));
            return store.customers().find(C1);
        });

        assertThat(seenByOuter).isPresent();
        assertThat(tx(() -> store.customers().find(C1))).isPresent();
    }

    @Test
    void aFailingOuterUnitOfWorkRollsBackWhatANestedCallWrote() {
        RuntimeException failure = new RuntimeException("outer fails after the inner call returned");

        Throwable thrown = catchThrowable(() -> txRun(() -> {
            txRun(this::insertParents);
            store.idempotency().insert(record("k-outer"));
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertNothingOfParentsStored();
        assertThat(tx(() -> store.idempotency().find(IdempotencyKey.of("k-outer")))).isEmpty();
    }

    @Test
    void aFailingNestedCallRollsBackTheWholeUnitOfWorkWhenTheFailurePropagates() {
        RuntimeException failure = new RuntimeException("inner fails");

        Throwable thrown = catchThrowable(() -> txRun(() -> {
            store.customers().insert(newCustomer("c-outer"));
            txRun(() -> {
                store.customers().insert(newCustomer("c-inner"));
                throw failure;
            });
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(tx(() -> store.customers().find(CustomerId.of("c-outer")))).isEmpty();
        assertThat(tx(() -> store.customers().find(CustomerId.of("c-inner")))).isEmpty();
    }

    @Test
    void aFailingNestedCallCaughtByTheOuterUnitOfWorkRollsBackOnlyWhatItWrote() {
        RuntimeException failure = new RuntimeException("inner fails");

        txRun(() -> {
            insertParents();
            store.customerWallets().credit(CW1, 10);
            Throwable thrown = catchThrowable(() -> txRun(() -> {
                store.customers().insert(newCustomer("c-inner"));
                assertThat(store.customerWallets().debit(CW1, 4)).isPresent();
                store.idempotency().insert(record("k-inner"));
                throw failure;
            }));
            assertThat(thrown).isSameAs(failure);
            // the outer unit of work is still usable, and sees its own writes only
            assertThat(store.customers().find(CustomerId.of("c-inner"))).isEmpty();
            assertThat(store.customerWallets().find(CW1).orElseThrow().balance()).isEqualTo(10);
            store.idempotency().insert(record("k-outer"));
        });

        assertThat(tx(() -> store.customers().find(C1))).isPresent();
        assertThat(tx(() -> store.customers().find(CustomerId.of("c-inner")))).isEmpty();
        assertThat(tx(() -> store.idempotency().find(IdempotencyKey.of("k-inner")))).isEmpty();
        assertThat(tx(() -> store.idempotency().find(IdempotencyKey.of("k-outer")))).isPresent();
        assertThat(tx(() -> store.customerWallets().find(CW1)).orElseThrow().balance()).isEqualTo(10);
    }

    @Test
    void aNestedCallThatFailedOnAUniqueKeyLeavesTheOuterUnitOfWorkUsable() {
        txRun(() -> store.idempotency().insert(record("k-taken")));
        RuntimeException lost = new RuntimeException("lost the key");

        txRun(() -> {
            Throwable thrown = catchThrowable(() -> txRun(() -> {
                store.customers().insert(newCustomer("c-inner"));
                if (!store.idempotency().insert(record("k-taken"))) {
                    throw lost;
                }
            }));
            assertThat(thrown).isSameAs(lost);
            store.customers().insert(newCustomer("c-outer"));
        });

        assertThat(tx(() -> store.customers().find(CustomerId.of("c-inner")))).isEmpty();
        assertThat(tx(() -> store.customers().find(CustomerId.of("c-outer")))).isPresent();
    }

    @Test
    void nestedCallsThatSucceedAreCommittedWithTheOuterOneDeepNestingIncluded() {
        txRun(() -> {
            txRun(() -> {
                store.customers().insert(newCustomer("c-1"));
                txRun(() -> store.customers().insert(newCustomer("c-2")));
                assertThat(catchThrowable(() -> txRun(() -> {
                    store.customers().insert(newCustomer("c-3"));
                    throw new RuntimeException("the third level fails");
                }))).hasMessage("the third level fails");
            });
            store.customers().insert(newCustomer("c-4"));
        });

        assertThat(tx(() -> List.of("c-1", "c-2", "c-3", "c-4").stream()
                .filter(id -> store.customers().find(CustomerId.of(id)).isPresent()).toList()))
                .containsExactly("c-1", "c-2", "c-4");
    }

    @Test
    void actionsAfterCommitRunOnceTheOutermostUnitOfWorkHasCommittedAndOutsideIt() {
        List<String> ran = new ArrayList<>();
        List<String> seenInside = new ArrayList<>();

        txRun(() -> {
            store.transactions().afterCommit(() -> ran.add("outer"));
            txRun(() -> store.transactions().afterCommit(() -> ran.add("nested")));
            seenInside.addAll(ran);
        });
        store.transactions().afterCommit(() -> ran.add("outside"));

        assertThat(seenInside).isEmpty();
        assertThat(ran).containsExactly("outer", "nested", "outside");
        // an action runs outside the unit of work: a repository call there needs one of its own
        Throwable refused = catchThrowable(() -> txRun(() -> store.transactions().afterCommit(
                () -> store.customers().find(C1))));
        assertThat(refused).isInstanceOf(PlenigoException.class);
        assertThat(((PlenigoException) refused).code()).isEqualTo(ErrorCode.NO_TRANSACTION);
    }

    @Test
    void actionsAfterCommitAreDroppedWhenTheirUnitOfWorkRollsBack() {
        List<String> ran = new ArrayList<>();
        RuntimeException failure = new RuntimeException("rolled back");

        txRun(() -> {
            store.transactions().afterCommit(() -> ran.add("kept"));
            catchThrowable(() -> txRun(() -> {
                store.transactions().afterCommit(() -> ran.add("of a nested call that failed"));
                throw failure;
            }));
        });
        assertThatThrownBy(() -> txRun(() -> {
            txRun(() -> store.transactions().afterCommit(() -> ran.add("of a nested call whose outer one failed")));
            throw failure;
        })).isSameAs(failure);

        assertThat(ran).containsExactly("kept");
    }
}
