package org.plenigo.core.subscription;

import java.util.List;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * What happens after a billing period's charge failed. The failed charge is retried at the start of
 * the days {@code retryAfterDays} after the period's first day; during the retries access stays.
 * After the last failed retry the subscription's access right items are blocked (the access check
 * answers {@code ACCESS_BLOCKED}), and {@code endAfterDays} after the period's first day the
 * subscription ends. A retry that pays (or {@link SubscriptionService#retryPayment}) unblocks the
 * items at once and the schedule goes on from the paid period.
 *
 * @param retryAfterDays when to retry, in days after the unpaid period's first day, ascending; may
 *                       be empty (the items are blocked at the first failure)
 * @param endAfterDays   when the unpaid subscription ends, in days after the period's first day;
 *                       after the last retry
 */
public record Dunning(List<Integer> retryAfterDays, int endAfterDays) {
    /** Retries after 1, 3 and 7 days; ends after 30 days. */
    public static final Dunning DEFAULT = new Dunning(List.of(1, 3, 7), 30);

    public Dunning {
        retryAfterDays = List.copyOf(Require.notNull(retryAfterDays, "dunning.retryAfterDays"));
        int previous = 0;
        for (int days : retryAfterDays) {
            if (days <= previous) {
                throw new ValidationException("dunning.retryAfterDays must be positive and ascending, was "
                        + retryAfterDays);
            }
            previous = days;
        }
        if (endAfterDays <= previous || endAfterDays > 3660) {
            throw new ValidationException("dunning.endAfterDays must be after the last retry and at most 3660, was "
                    + endAfterDays);
        }
    }
}
