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

    /**
     * Largest {@code maxTopUps} accepted. A consumption keeps the ids of the top-ups it caused (never
     * more than {@code maxTopUps}) in its idempotency record, and this many still fit in it.
     */
    public static final int MAX_TOP_UPS = 40;

    public AutomaticTopUpLimit {
        Require.positive(maxTopUps, "automaticTopUpLimit.maxTopUps");
        Require.that(maxTopUps <= MAX_TOP_UPS, "automaticTopUpLimit.maxTopUps must be at most " + MAX_TOP_UPS
                + ", was " + maxTopUps);
        Require.notNull(window, "automaticTopUpLimit.window");
        Require.that(!window.isNegative() && !window.isZero(),
                "automaticTopUpLimit.window must be positive, was " + window);
    }
}
