package org.plenigo.core.access;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;

/**
 * Storage port for metered views. A meter row per reader and access right holds the current
 * period and its count; a view row per content counted in that period makes a re-read free.
 */
public interface MeterRepository {
    /** The reader's meter of the right, and whether {@code content} was counted in its period. */
    Optional<MeterReading> read(String reader, AccessRightId accessRightId, ContentId content);

    /** Stores a new meter (its views as given) unless the reader has one for the right; returns whether it did. */
    boolean insert(Meter meter);

    /**
     * Starts a new period with no views, if the meter's period still starts at {@code currentStart};
     * removes the views of the periods before. Returns whether it did.
     */
    boolean restart(String reader, AccessRightId accessRightId, Instant currentStart, Instant newStart,
                    Instant newEnd);

    /**
     * Counts {@code content} in the period starting at {@code periodStart}, if it was not counted yet
     * and fewer than {@code limit} views were counted: adds its view row and increments the count.
     * Returns the views counted in the period with this one (others' views counted meanwhile
     * included), or empty, changing nothing, otherwise (also when the period moved on).
     */
    OptionalInt count(String reader, AccessRightId accessRightId, Instant periodStart, ContentId content, int limit);
}
