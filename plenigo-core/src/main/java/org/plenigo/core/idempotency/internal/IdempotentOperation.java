package org.plenigo.core.idempotency.internal;

import org.plenigo.core.Require;

/**
 * An operation whose result is recorded under the caller's idempotency key and replayed when the
 * key comes again.
 *
 * @param name  the operation's stable name, kept in every record (e.g. {@code purchase.buy}); a key
 *              recorded for one operation is refused for any other
 * @param codec how the result is kept and read back
 * @param <R>   the recorded result
 */
public record IdempotentOperation<R>(String name, ResultCodec<R> codec) {
    public IdempotentOperation {
        Require.maxLength(Require.notBlank(name, "name"), 64, "name");
        Require.notNull(codec, "codec");
    }

    public static <R> IdempotentOperation<R> of(String name, ResultCodec<R> codec) {
        return new IdempotentOperation<>(name, codec);
    }
}
