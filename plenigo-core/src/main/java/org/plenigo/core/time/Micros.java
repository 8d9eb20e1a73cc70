package org.plenigo.core.time;

import java.time.Instant;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * Instants as microseconds since the epoch, the precision every store keeps: a {@code long} that
 * compares without following a pointer, for the paths that run on every page view.
 */
public final class Micros {
    /** The earliest instant kept: 0001-01-01T00:00:00Z, the first of the years that databases agree on. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant kept: 9999-12-31T23:59:59.999999Z. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** Stands for "never" where an instant is optional, such as an item's end; later than {@link #LATEST}. */
    public static final long NEVER = Long.MAX_VALUE;

    private Micros() {
    }

    /** The instant in microseconds since the epoch (sub-microsecond digits dropped). */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The instant of {@code micros} microseconds since the epoch. */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * Requires {@code instant} to lie between {@link #EARLIEST} and {@link #LATEST}.
     *
     * @throws ValidationException naming {@code field} otherwise
     */
    public static Instant requireKept(Instant instant, String field) {
        if (Require.notNull(instant, field).isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new ValidationException(field + " must lie between " + EARLIEST + " and " + LATEST + ", was "
                    + instant);
        }
        return instant;
    }
}
