package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Contract of the invoice number port as its Javadoc states it: each series counts 1, 2, 3, ... on
 * its own; a number is taken only when its unit of work commits, so one that rolls back gives its
 * number back; and under concurrent units of work, some of which roll back after taking a number,
 * the committed numbers run from 1 without a gap or a repeat.
 */
public abstract class InvoiceNumberingContract extends StoreContractSupport {
    @Test
    void eachSeriesCountsFromOneOnItsOwn() {
        assertThat(tx(() -> store.invoiceNumbers().next("RE"))).isEqualTo(1);
        assertThat(tx(() -> store.invoiceNumbers().next("RE"))).isEqualTo(2);
        assertThat(tx(() -> store.invoiceNumbers().next("GS"))).isEqualTo(1);
        assertThat(tx(() -> List.of(store.invoiceNumbers().next("RE"), store.invoiceNumbers().next("RE"))))
                .as("two in one unit of work").containsExactly(3L, 4L);
        assertThat(tx(() -> store.invoiceNumbers().next("GS"))).isEqualTo(2);
        assertThat(tx(() -> store.invoiceNumbers().next("RE"))).isEqualTo(5);
    }

    @Test
    void aUnitOfWorkThatRollsBackGivesItsNumberBack() {
        assertThat(tx(() -> store.invoiceNumbers().next("RE"))).isEqualTo(1);

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.invoiceNumbers().next("RE")).isEqualTo(2);
            assertThat(store.invoiceNumbers().next("GS")).isEqualTo(1);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(tx(() -> store.invoiceNumbers().next("RE"))).isEqualTo(2);
        assertThat(tx(() -> store.invoiceNumbers().next("GS"))).as("a series first counted in it").isEqualTo(1);
    }

    @Test
    void aNestedUnitOfWorkThatRollsBackGivesItsNumberBackToTheOuterOne() {
        List<Long> taken = tx(() -> {
            long first = store.invoiceNumbers().next("RE");
            assertThatThrownBy(() -> txRun(() -> {
                store.invoiceNumbers().next("RE");
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");
            return List.of(first, store.invoiceNumbers().next("RE"));
        });

        assertThat(taken).containsExactly(1L, 2L);
    }

    /**
     * Eight threads take numbers of a series never counted before, in 50 units of work each; every
     * seventh unit of work rolls back after taking its number. The committed numbers are exactly
     * 1 to their count.
     */
    @Test
    void concurrentUnitsOfWorkCommitNumbersWithoutGapOrRepeat() throws Exception {
        int threads = 8;
        int unitsOfWork = 50;
        List<List<Long>> committed = inParallel(threads, t -> () -> {
            List<Long> mine = new ArrayList<>();
            for (int u = 0; u < unitsOfWork; u++) {
                boolean rollBack = (t * unitsOfWork + u) % 7 == 3;
                try {
                    long number = tx(() -> {
                        long next = store.invoiceNumbers().next("RE");
                        if (rollBack) {
                            throw new IllegalStateException("rolled back after taking " + next);
                        }
                        return next;
                    });
                    mine.add(number);
                } catch (IllegalStateException e) {
                    assertThat(rollBack).as("only the units of work meant to roll back do").isTrue();
                }
            }
            return mine;
        });

        List<Long> all = committed.stream().flatMap(List::stream).sorted().toList();
        long rolledBack = LongStream.range(0, threads * unitsOfWork).filter(i -> i % 7 == 3).count();
        assertThat(all).hasSize((int) (threads * unitsOfWork - rolledBack));
        assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
        committed.forEach(mine -> assertThat(mine).as("each thread's numbers rise").isSorted());
        assertThat(tx(() -> store.invoiceNumbers().next("RE"))).isEqualTo(all.size() + 1L);
        assertThat(tx(() -> store.invoiceNumbers().next("GS"))).isEqualTo(1);
    }
}
