package org.plenigo.core.idempotency.internal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.idempotency.IdempotencyRepository;

/**
 * The idempotency rule shared by every operation that moves money or credits, used inside the
 * operation's unit of work so that its record commits together with its change. {@link #run} is
 * the whole rule: replay the result recorded under the key, refuse the key if it was recorded for
 * other content, or apply the operation and record its result. {@link #find} and {@link #record}
 * are its two halves, for an operation that must order them itself.
 */
public final class Idempotency {
    private final IdempotencyRepository records;
    private final Supplier<Instant> clock;

    public Idempotency(IdempotencyRepository records, Supplier<Instant> clock) {
        this.records = records;
        this.clock = clock;
    }

    /**
     * Replays or applies the operation: if {@code key} was recorded for this operation and
     * fingerprint, answers {@code replayed} of the recorded result and applies nothing; otherwise
     * answers what {@code apply} returns, recorded under the key. A refusal that must not be
     * recorded leaves {@code apply} by an exception (e.g. {@link org.plenigo.core.internal.UnitOfWork#abort}).
     *
     * @param fingerprint a digest of the request's content ({@link Fingerprint#of})
     * @param replayed    how a replayed result is answered, e.g. wrapped as a {@code Replayed} outcome
     * @throws ConflictException with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was
     *                           recorded for another operation or other content; with
     *                           {@link ErrorCode#CONCURRENT_MODIFICATION} if a concurrent unit of
     *                           work recorded the key first (a retry of the unit of work replays it)
     */
    public <T, R extends T> T run(IdempotencyKey key, IdempotentOperation<R> operation, String fingerprint,
                                  Function<? super R, ? extends T> replayed, Supplier<? extends R> apply) {
        Optional<R> previous = find(key, operation, fingerprint);
        if (previous.isPresent()) {
            return replayed.apply(previous.get());
        }
        R result = apply.get();
        record(key, operation, fingerprint, result);
        return result;
    }

    /**
     * The result recorded under {@code key}, if any.
     *
     * @throws ConflictException with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was
     *                           recorded for another operation or other content
     */
    public <R> Optional<R> find(IdempotencyKey key, IdempotentOperation<R> operation, String fingerprint) {
        return matching(key, operation.name(), fingerprint).map(fields -> operation.codec().decode(fields));
    }

    /**
     * Records the applied operation's result under its key, in the current version of the format.
     *
     * @throws ConflictException with {@link ErrorCode#CONCURRENT_MODIFICATION} if a concurrent unit of
     *                           work recorded the key first; the caller's unit of work then rolls back
     *                           and a retry finds that first result
     */
    public <R> void record(IdempotencyKey key, IdempotentOperation<R> operation, String fingerprint, R result) {
        insert(key, operation.name(), fingerprint, operation.codec().encode(result));
    }

    private Optional<ResultFields> matching(IdempotencyKey key, String operation, String fingerprint) {
        return records.find(key).map(previous -> {
            if (!previous.operation().equals(operation) || !previous.fingerprint().equals(fingerprint)) {
                throw new ConflictException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "idempotency key '" + key
                        + "' was already used for a different request (" + previous.operation() + ")");
            }
            return ResultFields.parse(previous.result());
        });
    }

    private void insert(IdempotencyKey key, String operation, String fingerprint, ResultFields result) {
        IdempotencyRecord record = new IdempotencyRecord(key, operation, fingerprint, result.format(), clock.get());
        if (!records.insert(record)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                    "idempotency key '" + key + "' was recorded concurrently");
        }
    }
}
