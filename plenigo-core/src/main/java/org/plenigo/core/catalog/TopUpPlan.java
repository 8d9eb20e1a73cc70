package org.plenigo.core.catalog;

import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.time.Interval;

/**
 * The top-up strategy of a usage-based offer: its type and, for {@link TopUpType#TIME_BASED} only,
 * the interval at which credits are added.
 */
public record TopUpPlan(TopUpType type, Optional<Interval> interval) {
    public TopUpPlan {
        Require.notNull(type, "topUp.type");
        Require.notNull(interval, "topUp.interval");
        if (type == TopUpType.TIME_BASED && interval.isEmpty()) {
            throw new ValidationException("topUp.interval is required for a TIME_BASED top-up");
        }
        if (type != TopUpType.TIME_BASED && interval.isPresent()) {
            throw new ValidationException("topUp.interval is only allowed for a TIME_BASED top-up, not for " + type);
        }
    }

    /** Tops up as soon as the credits are used up. */
    public static TopUpPlan automatic() {
        return new TopUpPlan(TopUpType.AUTOMATIC, Optional.empty());
    }

    /** Tops up only on an explicit call. */
    public static TopUpPlan external() {
        return new TopUpPlan(TopUpType.EXTERNAL, Optional.empty());
    }

    /** Tops up every {@code interval}, counted from the purchase. */
    public static TopUpPlan every(Interval interval) {
        return new TopUpPlan(TopUpType.TIME_BASED, Optional.of(Require.notNull(interval, "topUp.interval")));
    }
}
