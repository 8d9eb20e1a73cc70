package org.plenigo.core.access;

import java.time.Instant;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.AccessRightId;

/**
 * One reader's count of free views of one metered access right in the current period.
 *
 * @param reader the reader: {@code c:} and the customer id, or {@code v:} and the visitor id
 * @param views  the distinct contents counted in the period
 */
public record Meter(String reader, AccessRightId accessRightId, Instant periodStart, Instant periodEnd, int views) {
    public static final int MAX_READER_LENGTH = 2 + Require.MAX_ID_LENGTH;

    public Meter {
        Require.maxLength(Require.notBlank(reader, "meter.reader"), MAX_READER_LENGTH, "meter.reader");
        Require.notNull(accessRightId, "meter.accessRightId");
        Require.notNull(periodStart, "meter.periodStart");
        Require.notNull(periodEnd, "meter.periodEnd");
        if (!periodEnd.isAfter(periodStart)) {
            throw new ValidationException("meter.periodEnd " + periodEnd + " must be after meter.periodStart "
                    + periodStart);
        }
        Require.notNegative(views, "meter.views");
    }
}
