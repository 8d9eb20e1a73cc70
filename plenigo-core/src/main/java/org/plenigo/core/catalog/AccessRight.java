package org.plenigo.core.catalog;

import java.util.Optional;
import org.plenigo.core.Require;

/**
 * A named right (such as {@code premium}) that content requires and that offers grant, with the
 * paywall shown to readers who do not hold it: HARD (no free views) or METERED (free views per
 * period, by {@code meter}).
 */
public record AccessRight(AccessRightId id, String title, Optional<MeterRule> meter) {
    public AccessRight {
        Require.notNull(id, "accessRight.id");
        Require.maxLength(Require.notBlank(title, "accessRight.title"), 200, "accessRight.title");
        Require.notNull(meter, "accessRight.meter");
    }

    /** A right behind a HARD paywall. */
    public AccessRight(AccessRightId id, String title) {
        this(id, title, Optional.empty());
    }

    /** A right behind a METERED paywall. */
    public static AccessRight metered(AccessRightId id, String title, MeterRule meter) {
        return new AccessRight(id, title, Optional.of(Require.notNull(meter, "accessRight.meter")));
    }

    public PaywallModel paywall() {
        return meter.isPresent() ? PaywallModel.METERED : PaywallModel.HARD;
    }
}
