package org.plenigo.core.idempotency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.StorageException;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.idempotency.internal.IdempotentOperation;
import org.plenigo.core.idempotency.internal.ResultCodec;
import org.plenigo.core.idempotency.internal.ResultFields;

class IdempotencyTest {
    private static final Instant NOW = Instant.parse("2025-05-01T10:00:00Z");
    private static final IdempotencyKey KEY = IdempotencyKey.of("order-1");

    /** A result with a text, a number and a list, as the services' results have. */
    private record Result(String entry, long balance, List<String> ids) {
    }

    private static final IdempotentOperation<Result> GRANT = IdempotentOperation.of("wallet.grant", ResultCodec.of(
            r -> ResultFields.create().with("entry", r.entry()).with("balance", r.balance()).with("ids", r.ids()),
            f -> new Result(f.text("entry"), f.number("balance"), f.list("ids"))));
    private static final IdempotentOperation<Result> CONSUME = new IdempotentOperation<>("wallet.consume",
            GRANT.codec());

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
    void recordsAreWrittenInVersionOneOfTheFormat() {
        idempotency.record(KEY, GRANT, "fp", new Result("le-1", 5, List.of("le-2", "le-3")));

        IdempotencyRecord record = repository.records.get(KEY);
        assertThat(record.result()).isEqualTo("v1:entry=le-1;balance=5;ids=le-2,le-3");
        assertThat(record.operation()).isEqualTo("wallet.grant");
        assertThat(record.recordedAt()).isEqualTo(NOW);
    }

    @Test
    void aRecordWrittenBeforeTheFormatHadAVersionIsRead() {
        repository.insert(new IdempotencyRecord(KEY, "wallet.grant", "fp", "entry=le-1;balance=5;ids=le-2,le-3", NOW));

        assertThat(idempotency.find(KEY, GRANT, "fp")).contains(new Result("le-1", 5, List.of("le-2", "le-3")));
    }

    @Test
    void anEmptyListAndAnEmptyTextRoundTripInAnyPosition() {
        idempotency.record(KEY, GRANT, "fp", new Result("", 0, List.of()));

        assertThat(idempotency.find(KEY, GRANT, "fp")).contains(new Result("", 0, List.of()));
    }

    @Test
    void valuesWithTheFormatsOwnSeparatorsRoundTrip() {
        Result awkward = new Result("a;b=c%d,e", -1, List.of("x,y", "%3B", ";", ""));
        idempotency.record(KEY, GRANT, "fp", awkward);

        assertThat(repository.records.get(KEY).result()).startsWith("v1:");
        assertThat(idempotency.find(KEY, GRANT, "fp")).contains(awkward);
    }

    @Test
    void anyResultRoundTrips() {
        MapRepository fresh = new MapRepository();
        Idempotency roundTrip = new Idempotency(fresh, () -> NOW);
        AtomicInteger n = new AtomicInteger();
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 20),
                lists().of(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(1, 8)).ofSizeBetween(0, 5))
                .checkAssert((text, ids) -> {
                    IdempotencyKey key = IdempotencyKey.of("k-" + n.incrementAndGet());
                    Result result = new Result(text, n.get(), ids);
                    roundTrip.record(key, GRANT, "fp", result);
                    assertThat(roundTrip.find(key, GRANT, "fp")).contains(result);
                });
    }

    @Test
    void aMissingFieldOrAnUnreadableRecordIsAStorageFault() {
        repository.insert(new IdempotencyRecord(KEY, "wallet.grant", "fp", "v1:entry=le-1", NOW));
        assertThatThrownBy(() -> idempotency.find(KEY, GRANT, "fp")).isInstanceOf(StorageException.class)
                .hasMessageContaining("balance");

        IdempotencyKey broken = IdempotencyKey.of("broken");
        repository.insert(new IdempotencyRecord(broken, "wallet.grant", "fp", "no pairs here", NOW));
        assertThatThrownBy(() -> idempotency.find(broken, GRANT, "fp")).isInstanceOf(StorageException.class)
                .hasMessageContaining("no pairs here");
    }

    @Test
    void runAppliesOnceAndThenReplaysTheFirstResult() {
        AtomicInteger applied = new AtomicInteger();

        Object first = idempotency.run(KEY, GRANT, "fp", Replayed::new,
                () -> new Result("le-" + applied.incrementAndGet(), 5, List.of()));
        Object second = idempotency.run(KEY, GRANT, "fp", Replayed::new,
                () -> new Result("le-" + applied.incrementAndGet(), 5, List.of()));

        assertThat(first).isEqualTo(new Result("le-1", 5, List.of()));
        assertThat(second).isEqualTo(new Replayed(new Result("le-1", 5, List.of())));
        assertThat(applied).hasValue(1);
    }

    private record Replayed(Result original) {
    }

    @Test
    void aKeyReusedWithOtherContentOrForAnotherOperationIsAConflictAndAppliesNothing() {
        idempotency.record(KEY, GRANT, "fp", new Result("le-1", 5, List.of()));
        AtomicInteger applied = new AtomicInteger();

        assertThatThrownBy(() -> idempotency.run(KEY, GRANT, "other", r -> r, () -> {
            applied.incrementAndGet();
            return new Result("le-2", 5, List.of());
        })).isInstanceOf(ConflictException.class).hasMessageContaining("order-1")
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThatThrownBy(() -> idempotency.find(KEY, CONSUME, "fp"))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(applied).hasValue(0);
    }

    @Test
    void aRecordLostToAConcurrentWriterIsAConcurrentModificationAndTheFirstResultStays() {
        // the concurrent writer records while this operation is being applied
        assertThatThrownBy(() -> idempotency.run(KEY, GRANT, "fp", r -> r, () -> {
            idempotency.record(KEY, GRANT, "fp", new Result("le-1", 5, List.of()));
            return new Result("le-2", 5, List.of());
        })).isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);

        assertThat(idempotency.find(KEY, GRANT, "fp")).contains(new Result("le-1", 5, List.of()));
    }
}
