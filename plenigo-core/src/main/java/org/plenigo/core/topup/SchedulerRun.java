package org.plenigo.core.topup;

/**
 * What one {@link TopUpScheduler#runDue} call did.
 *
 * @param toppedUp     intervals whose credits were charged and added
 * @param failed       intervals whose charge failed (no credits; the schedule moved on)
 * @param faulty       subscriptions whose top-up hit a fault (an exception, e.g. from the payment
 *                     provider); their interval was rolled back and stays due for the next run
 * @param expiredLots  credit lots written off because their validity ended
 */
public record SchedulerRun(int toppedUp, int failed, int faulty, int expiredLots) {
}
