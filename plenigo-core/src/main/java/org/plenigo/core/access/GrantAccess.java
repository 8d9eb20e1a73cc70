package org.plenigo.core.access;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.time.KeptInstants;

/**
 * A request to grant a customer an access right that was sold or given elsewhere: EXTERNAL (e.g.
 * a print subscriber) or SPONSOR (a sponsor's named reader).
 *
 * @param reference the outside system's reference, kept on the item
 * @param key       the same key again returns the item granted first
 */
public record GrantAccess(CustomerId customerId, AccessRightId accessRightId, AccessSource source, Instant startsAt,
                          Optional<Instant> endsAt, String reference, IdempotencyKey key) {
    public GrantAccess {
        Require.notNull(customerId, "grant.customerId");
        Require.notNull(accessRightId, "grant.accessRightId");
        Require.notNull(source, "grant.source");
        if (source != AccessSource.EXTERNAL && source != AccessSource.SPONSOR) {
            throw new ValidationException("grant.source must be EXTERNAL or SPONSOR, was " + source
                    + "; subscriptions, purchases and unlocks grant their own items");
        }
        KeptInstants.require(startsAt, "grant.startsAt");
        Require.notNull(endsAt, "grant.endsAt").ifPresent(end -> KeptInstants.require(end, "grant.endsAt"));
        if (endsAt.isPresent() && !endsAt.get().isAfter(startsAt)) {
            throw new ValidationException("grant.endsAt " + endsAt.get() + " must be after grant.startsAt " + startsAt);
        }
        Require.maxLength(Require.notBlank(reference, "grant.reference"), AccessRightItem.MAX_REFERENCE_LENGTH,
                "grant.reference");
        Require.notNull(key, "grant.idempotencyKey");
    }

    /** An EXTERNAL grant from {@code startsAt}, for ever or until {@code endsAt}. */
    public static GrantAccess external(CustomerId customerId, AccessRightId accessRightId, Instant startsAt,
                                       Optional<Instant> endsAt, String reference, IdempotencyKey key) {
        return new GrantAccess(customerId, accessRightId, AccessSource.EXTERNAL, startsAt, endsAt, reference, key);
    }
}
