package org.plenigo.core.topup;

/**
 * What one {@link TopUpScheduler#runDue} call did.
 *
 * @param toppedUp        intervals whose credits were charged and added
 * @param failed          intervals whose charge failed (no credits; the schedule moved on)
 * @param faulty          subscriptions whose top-up or renewal hit a fault (an exception, e.g. from
 *                        the payment provider); their interval or period was rolled back and stays
 *                        due for the next run
 * @param expiredLots     credit lots written off because their validity ended
 * @param renewed         billing periods of time-based subscriptions that were charged
 * @param renewalsFailed  billing periods whose charge failed (left unpaid, access not extended)
 * @param ended           subscriptions whose cancellation took effect
 */
public record SchedulerRun(int toppedUp, int failed, int faulty, int expiredLots, int renewed, int renewalsFailed,
                           int ended) {
    /** A run that renewed and ended nothing. */
    public SchedulerRun(int toppedUp, int failed, int faulty, int expiredLots) {
        this(toppedUp, failed, faulty, expiredLots, 0, 0, 0);
    }
}
