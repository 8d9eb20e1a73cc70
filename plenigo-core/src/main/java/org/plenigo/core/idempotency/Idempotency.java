package org.plenigo.core.idempotency;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;

/**
 * The idempotency rule shared by every operation that moves money or credits. Used inside the
 * operation's unit of work: first {@link #previousResult}, then, once the operation is applied,
 * {@link #record} in the same unit of work, so the record and the change commit together.
 */
public final class Idempotency {
    private final IdempotencyRepository records;
    private final Supplier<Instant> clock;

    public Idempotency(IdempotencyRepository records, Supplier<Instant> clock) {
        this.records = records;
        this.clock = clock;
    }

    /**
     * The encoded result of the operation applied earlier under {@code key}, if any.
     *
     * @throws ConflictException with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used
     *                           for another operation or other content
     */
    public Optional<Map<String, String>> previousResult(IdempotencyKey key, String operation, String fingerprint) {
        return records.find(key).map(previous -> {
            if (!previous.operation().equals(operation) || !previous.fingerprint().equals(fingerprint)) {
                throw new ConflictException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "idempotency key '" + key
                        + "' was already used for a different request (" + previous.operation() + ")");
            }
            return decode(previous.result());
        });
    }

    /**
     * Records the applied operation's result under its key.
     *
     * @throws ConflictException with {@link ErrorCode#CONCURRENT_MODIFICATION} if a concurrent unit of
     *                           work recorded the key first; the caller's unit of work then rolls back
     *                           and a retry finds that first result
     */
    public void record(IdempotencyKey key, String operation, String fingerprint, Map<String, String> result) {
        IdempotencyRecord record = new IdempotencyRecord(key, operation, fingerprint, encode(result), clock.get());
        if (!records.insert(record)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                    "idempotency key '" + key + "' was recorded concurrently");
        }
    }

    /** Result values are ids, numbers and comma-separated id lists, none of which contain ';' or '='. */
    static String encode(Map<String, String> result) {
        StringBuilder text = new StringBuilder();
        result.forEach((name, value) -> {
            if (value.indexOf(';') >= 0 || value.indexOf('=') >= 0) {
                throw new IllegalArgumentException("result value must not contain ';' or '=': " + value);
            }
            text.append(text.length() == 0 ? "" : ";").append(name).append('=').append(value);
        });
        return text.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                result.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return result;
    }
}
