package org.plenigo.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.OfferId;

/**
 * The answer to an access check.
 *
 * @param granted            whether the reader may see the content; always {@code reason.grants()}
 * @param remainingFreeViews for metered content: the free views the reader has left in the period
 *                           (after this view, if it was counted)
 * @param offers             when denied: the offers that grant one of the missing rights, by id,
 *                           for the paywall to show
 * @param cacheUntil         the earliest instant at which this answer can change by time alone (an
 *                           item's end or start, the meter period's end, a sponsor window's end);
 *                           empty: not before something is bought, granted, revoked, blocked or
 *                           (for metered content) another view is counted
 */
public record AccessDecision(boolean granted, AccessReason reason, OptionalInt remainingFreeViews,
                             List<OfferId> offers, Optional<Instant> cacheUntil) {
    public AccessDecision {
        Require.notNull(reason, "decision.reason");
        if (granted != reason.grants()) {
            // the message only here: a decision is made on every page view
            throw new ValidationException("decision.granted must be " + reason.grants() + " for " + reason);
        }
        Require.notNull(remainingFreeViews, "decision.remainingFreeViews");
        offers = List.copyOf(Require.notNull(offers, "decision.offers"));
        Require.notNull(cacheUntil, "decision.cacheUntil");
    }

    static AccessDecision of(AccessReason reason, Optional<Instant> cacheUntil) {
        return new AccessDecision(reason.grants(), reason, OptionalInt.empty(), List.of(), cacheUntil);
    }
}
