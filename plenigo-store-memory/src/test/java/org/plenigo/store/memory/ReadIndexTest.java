package org.plenigo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.PlenigoException;

class ReadIndexTest {
    private final MemoryTransactions transactions = new MemoryTransactions();
    private final ReadIndex<String, String> index = new ReadIndex<>(transactions);

    @Test
    void keepsEveryKeyThroughGrowingAndTellsAbsentKeys() {
        Map<String, String> expected = new HashMap<>();
        Random random = new Random(7);
        transactions.inTransaction(() -> {
            for (int n = 0; n < 5_000; n++) {
                String key = "c-" + random.nextInt(3_000);
                String value = "v-" + n;
                index.put(key, value);
                expected.put(key, value);
            }
            return null;
        });

        expected.forEach((key, value) -> assertThat(read(key)).as(key).isEqualTo(value));
        // equal, not the same, keys are found too
        expected.forEach((key, value) -> assertThat(read(new String(key))).isEqualTo(value));
        assertThat(read("c-3000")).isNull();
        assertThat(read("other")).isNull();
    }

    @Test
    void keysWithEqualHashCodesKeepTheirOwnValues() {
        // "Aa" and "BB", and so "AaAa", "AaBB", "BBAa" and "BBBB", share their hash codes
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode());
        transactions.inTransaction(() -> {
            for (String key : new String[] {"AaAa", "AaBB", "BBAa", "BBBB"}) {
                index.put(key, "value of " + key);
            }
            return null;
        });

        for (String key : new String[] {"AaAa", "AaBB", "BBAa", "BBBB"}) {
            assertThat(read(key)).isEqualTo("value of " + key);
        }
        assertThat(read("AaAb")).isNull();
    }

    @Test
    void writesOfAUnitOfWorkThatRollsBackAreUndoneGrowingIncluded() {
        transactions.inTransaction(() -> {
            index.put("kept", "first");
            return null;
        });
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            index.put("kept", "second");
            for (int n = 0; n < 1_000; n++) {
                index.put("added-" + n, "value");
            }
            throw failure;
        })).isSameAs(failure);

        assertThat(read("kept")).isEqualTo("first");
        for (int n = 0; n < 1_000; n++) {
            assertThat(read("added-" + n)).isNull();
        }
        transactions.inTransaction(() -> {
            index.put("added-7", "again");
            return null;
        });
        assertThat(read("added-7")).as("a key undone can be added again").isEqualTo("again");
    }

    @Test
    void isWrittenOnlyInsideAUnitOfWorkAndReadOnlyInsideAReadOrAUnitOfWork() {
        assertThatThrownBy(() -> index.put("key", "value")).isInstanceOf(PlenigoException.class)
                .extracting(e -> ((PlenigoException) e).code()).isEqualTo(ErrorCode.NO_TRANSACTION);
        assertThatThrownBy(() -> index.get("key")).isInstanceOf(PlenigoException.class)
                .extracting(e -> ((PlenigoException) e).code()).isEqualTo(ErrorCode.NO_TRANSACTION);
        assertThat(read("key")).isNull();
    }

    private String read(String key) {
        return transactions.read(() -> index.get(key));
    }
}
