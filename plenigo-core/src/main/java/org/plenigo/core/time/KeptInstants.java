package org.plenigo.core.time;

import java.time.Instant;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * The instants every store keeps: from the year 1 to the year 9999, the years that databases agree
 * on, to the microsecond. Values whose instants are stored (access right items, grants) refuse
 * others, so that an instant reads back from any store exactly as it was written.
 */
public final class KeptInstants {
    /** The earliest instant kept: 0001-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant kept: 9999-12-31T23:59:59.999999Z. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private KeptInstants() {
    }

    /**
     * Requires {@code instant} to lie between {@link #EARLIEST} and {@link #LATEST}.
     *
     * @throws ValidationException naming {@code field} otherwise
     */
    public static Instant require(Instant instant, String field) {
        if (Require.notNull(instant, field).isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new ValidationException(field + " must lie between " + EARLIEST + " and " + LATEST + ", was "
                    + instant);
        }
        return instant;
    }
}
