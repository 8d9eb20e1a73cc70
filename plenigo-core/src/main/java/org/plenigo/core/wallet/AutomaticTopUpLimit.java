package org.plenigo.core.wallet;

import java.time.Duration;
import org.plenigo.core.Require;

/**
 * Stops automatic top-ups from running away: at most {@code maxTopUps} automatic top-ups per
 * subscription within any {@code window} (a sliding window, counted from the ledger).
 */
public record AutomaticTopUpLimit(int maxTopUps, Duration window) {
    /** 3 automatic top-ups per subscription in 10 minutes. */
    public static final AutomaticTopUpLimit DEFAULT = new AutomaticTopUpLimit(3, Duration.ofMinutes(10));

    public AutomaticTopUpLimit {
        Require.positive(maxTopUps, "automaticTopUpLimit.maxTopUps");
        Require.notNull(window, "automaticTopUpLimit.window");
        Require.that(!window.isNegative() && !window.isZero(),
                "automaticTopUpLimit.window must be positive, was " + window);
    }
}
