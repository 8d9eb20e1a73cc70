package org.plenigo.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.quicktheories.core.Gen;

class IdempotencyTest {
    private static final Instant NOW = Instant.parse("2025-05-01T10:00:00Z");
    private static final IdempotencyKey KEY = IdempotencyKey.of("order-1");

    /** Keeps records in a map, refusing a second record under one key like a unique constraint. */
    private static final class MapRepository implements IdempotencyRepository {
        final Map<IdempotencyKey, IdempotencyRecord> records = new HashMap<>();

        @Override
        public Optional<IdempotencyRecord> find(IdempotencyKey key) {
            return Optional.ofNullable(records.get(key));
        }

        @Override
        public boolean insert(IdempotencyRecord record) {
            return records.putIfAbsent(record.key(), record) == null;
        }
    }

    private final MapRepository repository = new MapRepository();
    private final Idempotency idempotency = new Idempotency(repository, () -> NOW);

    @Test
    void encodesAndDecodesAResult() {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("entry", "le-1");
        result.put("credits", "5");
        result.put("topUps", "");
        result.put("ids", "le-2,le-3");
        String text = Idempotency.encode(result);
        assertThat(text).isEqualTo("entry=le-1;credits=5;topUps=;ids=le-2,le-3");
        assertThat(Idempotency.decode(text)).containsExactlyEntriesOf(result);
    }

    @Test
    void anEmptyResultRoundTrips() {
        assertThat(Idempotency.encode(Map.of())).isEmpty();
        assertThat(Idempotency.decode("")).isEmpty();
    }

    @Test
    void anEmptyValueRoundTripsInAnyPosition() {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("first", "");
        result.put("second", "");
        assertThat(Idempotency.decode(Idempotency.encode(result))).containsExactlyEntriesOf(result);
    }

    @Test
    void refusesValuesThatWouldBreakTheEncoding() {
        assertThatThrownBy(() -> Idempotency.encode(Map.of("a", "x;y"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Idempotency.encode(Map.of("a", "x=y"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Gen<String> names() {
        return strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 10);
    }

    private static Gen<String> values() {
        return strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 20)
                .map(s -> s.replace(';', ',').replace('=', ':'));
    }

    @Test
    void encodeThenDecodeGivesTheSameMap() {
        qt().withExamples(1000).forAll(maps().of(names(), values()).ofSizeBetween(0, 6)).checkAssert(result -> {
            Map<String, String> ordered = new LinkedHashMap<>(result);
            assertThat(Idempotency.decode(Idempotency.encode(ordered))).containsExactlyEntriesOf(ordered);
        });
    }

    @Test
    void recordsAndReturnsTheFirstResult() {
        assertThat(idempotency.previousResult(KEY, "wallet.grant", "fp")).isEmpty();
        idempotency.record(KEY, "wallet.grant", "fp", Map.of("entry", "le-1", "balance", "5"));
        assertThat(repository.records.get(KEY).recordedAt()).isEqualTo(NOW);
        assertThat(idempotency.previousResult(KEY, "wallet.grant", "fp"))
                .contains(Map.of("entry", "le-1", "balance", "5"));
    }

    @Test
    void aKeyReusedWithOtherContentOrForAnotherOperationIsAConflict() {
        idempotency.record(KEY, "wallet.grant", "fp", Map.of("entry", "le-1"));
        assertThatThrownBy(() -> idempotency.previousResult(KEY, "wallet.grant", "other"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("order-1")
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThatThrownBy(() -> idempotency.previousResult(KEY, "wallet.consume", "fp"))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void aSecondRecordUnderOneKeyIsALostRace() {
        idempotency.record(KEY, "wallet.grant", "fp", Map.of("entry", "le-1"));
        assertThatThrownBy(() -> idempotency.record(KEY, "wallet.grant", "fp", Map.of("entry", "le-2")))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
        assertThat(idempotency.previousResult(KEY, "wallet.grant", "fp")).contains(Map.of("entry", "le-1"));
    }
}
