package org.plenigo.core.subscription;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.money.Money;

/**
 * The answer to a cancellation: the subscription as it is after it, when the cancellation takes
 * effect, and for an immediate cancellation with a pro-rata refund the unused part of the paid period.
 *
 * @param takesEffectAt the instant the subscription ends: the start of its first day without access
 *                      (a regular cancellation) or the moment it was cancelled (immediate)
 * @param refund        the unused part of the paid billing period, if one was asked for and any is left
 */
public record Cancellation(Subscription subscription, Instant takesEffectAt, Optional<Refund> refund) {
    public Cancellation {
        Require.notNull(subscription, "cancellation.subscription");
        Require.notNull(takesEffectAt, "cancellation.takesEffectAt");
        Require.notNull(refund, "cancellation.refund");
    }

    /**
     * The unused days of the paid billing period and their share of the contract's price. The amount
     * is in the contract's price basis (gross for a gross price, net for a net price); the refund and
     * its cancellation invoice are made from it by the payments feature, not by this answer.
     *
     * @param unusedDays the paid days after the day of the cancellation
     * @param periodDays the days of the paid billing period
     * @param amount     price * unusedDays / periodDays, rounded half up to the currency's cents
     */
    public record Refund(long unusedDays, long periodDays, Money amount) {
        public Refund {
            Require.notNull(amount, "refund.amount");
            if (unusedDays < 1 || periodDays < unusedDays) {
                throw new org.plenigo.core.ValidationException("refund.unusedDays must be between 1 and "
                        + periodDays + ", was " + unusedDays);
            }
        }
    }
}
