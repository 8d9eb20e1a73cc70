package org.plenigo.core.idempotency.internal;

import java.util.function.Function;

/**
 * How an operation's result is kept in its idempotency record and read back for a replay.
 * {@link #decode} runs inside the replaying unit of work, so it may read the store again (e.g. the
 * access right items a purchase granted, as they are now).
 *
 * @param <R> the result that is recorded and replayed
 */
public interface ResultCodec<R> {
    ResultFields encode(R result);

    /**
     * The result that {@link #encode} kept, from a record of this or an earlier version of the format.
     *
     * @throws org.plenigo.core.StorageException if the record lacks a field or holds an unreadable value
     */
    R decode(ResultFields fields);

    static <R> ResultCodec<R> of(Function<? super R, ResultFields> encode, Function<ResultFields, ? extends R> decode) {
        return new ResultCodec<>() {
            @Override
            public ResultFields encode(R result) {
                return encode.apply(result);
            }

            @Override
            public R decode(ResultFields fields) {
                return decode.apply(fields);
            }
        };
    }
}
