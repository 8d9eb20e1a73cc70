package org.plenigo.core.idempotency;
import java.time.Instant;
import org.plenigo.core.idempotency.internal.ResultFields;
import org.plenigo.core.Require;

/**
 * What an applied operation left behind under its idempotency key: which operation it was, a
 * fingerprint of its content (to tell a replay from a reuse with other content), and the
 * operation's result as {@link ResultFields} write it (a versioned text format).
 *
 * @param key         the caller's key
 * @param operation   the operation's name, e.g. {@code wallet.consume}
 * @param fingerprint a digest of the operation's content
 * @param result      the first result, in the text format of {@link ResultFields}
 * @param recordedAt  when the operation was applied
 */
public record IdempotencyRecord(IdempotencyKey key, String operation, String fingerprint, String result,
                                Instant recordedAt) {
    public IdempotencyRecord {
        Require.notNull(key, "key");
        Require.maxLength(Require.notBlank(operation, "operation"), 64, "operation");
        Require.maxLength(Require.notBlank(fingerprint, "fingerprint"), 64, "fingerprint");
        Require.maxLength(Require.notNull(result, "result"), 2000, "result");
        Require.notNull(recordedAt, "recordedAt");
    }
}
