package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.Meter;
import org.plenigo.core.access.MeterReading;
import org.plenigo.core.catalog.ContentId;

/**
 * Contract of the meter repository port, as its Javadoc states it: views counted once per content
 * and period, never over the limit (also under concurrency), periods restarted conditionally. Every
 * write is rolled back with its unit of work.
 */
public abstract class MeterRepositoryContract extends AccessRepositoryFixtures {
    @Test
    void metersAreInsertedOnceAndReadAsStored() {
        Meter customers = new Meter(READER, PREMIUM, T, T.plus(Duration.ofDays(31)), 0);
        Meter visitors = new Meter(VISITOR, PREMIUM, T.plus(MICRO), T.plus(Duration.ofDays(7)), 2);
        Meter otherRight = new Meter(READER, EPAPER, T.minus(DAY), T.plus(DAY), 1);

        assertThat(tx(() -> store.meters().insert(customers))).isTrue();
        assertThat(tx(() -> store.meters().insert(visitors))).isTrue();
        assertThat(tx(() -> store.meters().insert(otherRight))).isTrue();
        assertThat(tx(() -> store.meters().insert(new Meter(READER, PREMIUM, T.plus(DAY), T.plus(Duration.ofDays(2)),
                5)))).as("same reader and right").isFalse();

        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1))).contains(new MeterReading(customers, false));
        assertThat(tx(() -> store.meters().read(VISITOR, PREMIUM, A1))).contains(new MeterReading(visitors, false));
        assertThat(tx(() -> store.meters().read(READER, EPAPER, A2))).contains(new MeterReading(otherRight, false));
        assertThat(tx(() -> store.meters().read(VISITOR, EPAPER, A1))).isEmpty();
        assertThat(tx(() -> store.meters().read("v:nobody", PREMIUM, A1))).isEmpty();
    }

    @Test
    void countCountsEachContentOncePerPeriodAndNeverOverTheLimit() {
        Instant start = T;
        Instant end = T.plus(Duration.ofDays(31));
        txRun(() -> store.meters().insert(new Meter(READER, PREMIUM, start, end, 0)));

        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A1, 3))).as("the views with this one")
                .hasValue(1);
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 1), true));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A2)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 1), false));

        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A1, 3))).as("the same content again")
                .isEmpty();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A2, 3))).hasValue(2);
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A3, 3))).hasValue(3);
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A4, 3))).as("over the limit").isEmpty();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A4)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 3), false));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A3)).orElseThrow().contentViewed()).isTrue();

        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A4, 4))).as("the limit is the caller's")
                .hasValue(4);
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A4)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 4), true));
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, ContentId.of("article-5"), 0)))
                .as("a limit of 0").isEmpty();
    }

    @Test
    void countRefusesAStalePeriodStartAndAMissingMeterAndKeepsReadersApart() {
        Instant start = T;
        Instant end = T.plus(Duration.ofDays(31));
        txRun(() -> {
            store.meters().insert(new Meter(READER, PREMIUM, start, end, 0));
            store.meters().insert(new Meter(VISITOR, PREMIUM, start, end, 2));
        });

        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start.minus(MICRO), A1, 3))).as("earlier start")
                .isEmpty();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start.plus(MICRO), A1, 3))).as("later start")
                .isEmpty();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 0), false));
        assertThat(tx(() -> store.meters().count(READER, EPAPER, start, A1, 3))).as("no meter of the right")
                .isEmpty();
        assertThat(tx(() -> store.meters().read(READER, EPAPER, A1))).isEmpty();

        assertThat(tx(() -> store.meters().count(VISITOR, PREMIUM, start, A1, 3))).as("views as inserted count")
                .hasValue(3);
        assertThat(tx(() -> store.meters().count(VISITOR, PREMIUM, start, A2, 3))).isEmpty();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A1, 3))).as("another reader's views")
                .hasValue(1);
        assertThat(tx(() -> store.meters().read(VISITOR, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(VISITOR, PREMIUM, start, end, 3), true));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 1), true));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A2)).orElseThrow().contentViewed()).isFalse();
    }

    @Test
    void restartStartsAnEmptyPeriodOnlyFromTheCurrentStartAndForgetsTheViewsBefore() {
        Instant january = T;
        Instant february = T.plus(Duration.ofDays(31));
        Instant march = T.plus(Duration.ofDays(59));
        txRun(() -> {
            store.meters().insert(new Meter(READER, PREMIUM, january, february, 0));
            store.meters().insert(new Meter(READER, EPAPER, january, february, 0));
            store.meters().count(READER, PREMIUM, january, A1, 3);
            store.meters().count(READER, PREMIUM, january, A2, 3);
            store.meters().count(READER, EPAPER, january, A1, 3);
        });

        assertThat(tx(() -> store.meters().restart(READER, PREMIUM, january.plus(MICRO), february, march)))
                .as("stale current start").isFalse();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, january, february, 2), true));

        assertThat(tx(() -> store.meters().restart(READER, PREMIUM, january, february, march))).isTrue();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, february, march, 0), false));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A2)).orElseThrow().contentViewed()).isFalse();
        assertThat(tx(() -> store.meters().read(READER, EPAPER, A1)))
                .as("the reader's meter of another right")
                .contains(new MeterReading(new Meter(READER, EPAPER, january, february, 1), true));

        assertThat(tx(() -> store.meters().restart(READER, PREMIUM, january, february, march)))
                .as("a second restart of the same period").isFalse();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, january, A3, 3))).as("the old period").isEmpty();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, february, A1, 3))).as("read again in a new period")
                .isPresent();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, february, march, 1), true));

        assertThat(tx(() -> store.meters().restart(VISITOR, PREMIUM, january, february, march))).as("no meter")
                .isFalse();
        assertThat(tx(() -> store.meters().read(VISITOR, PREMIUM, A1))).isEmpty();
    }

    @Test
    void meterWritesAreRolledBackWithTheirUnitOfWork() {
        Instant end = T.plus(Duration.ofDays(31));
        txRun(() -> {
            store.meters().insert(new Meter(READER, PREMIUM, T, end, 0));
            store.meters().count(READER, PREMIUM, T, A1, 3);
        });
        MeterReading before = tx(() -> store.meters().read(READER, PREMIUM, A1)).orElseThrow();
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.meters().insert(new Meter(VISITOR, PREMIUM, T, end, 0))).isTrue();
            assertThat(store.meters().count(VISITOR, PREMIUM, T, A1, 3)).isPresent();
            assertThat(store.meters().count(READER, PREMIUM, T, A2, 3)).isPresent();
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.meters().restart(READER, PREMIUM, T, end, end.plus(Duration.ofDays(28)))).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.meters().read(VISITOR, PREMIUM, A1))).isEmpty();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1))).contains(before);
        assertThat(before).isEqualTo(new MeterReading(new Meter(READER, PREMIUM, T, end, 1), true));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A2)).orElseThrow().contentViewed()).isFalse();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, T, A2, 2))).as("the rolled-back view is free again")
                .isPresent();
    }

    @Test
    void concurrentCountsOfDistinctContentsNeverExceedTheLimit() throws Exception {
        Instant end = T.plus(Duration.ofDays(31));
        txRun(() -> store.meters().insert(new Meter(READER, PREMIUM, T, end, 0)));

        List<Boolean> counted = inParallel(8, thread -> () -> retryingLostRaces(() ->
                tx(() -> store.meters().count(READER, PREMIUM, T, ContentId.of("article-" + thread), 3)).isPresent()));

        assertThat(counted).filteredOn(Boolean::booleanValue).hasSize(3);
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)).orElseThrow().meter().views()).isEqualTo(3);
        long viewed = 0;
        for (int thread = 0; thread < 8; thread++) {
            ContentId content = ContentId.of("article-" + thread);
            boolean seen = tx(() -> store.meters().read(READER, PREMIUM, content)).orElseThrow().contentViewed();
            assertThat(seen).as("%s counted exactly when viewed", content).isEqualTo(counted.get(thread));
            viewed += seen ? 1 : 0;
        }
        assertThat(viewed).isEqualTo(3);
    }
}
