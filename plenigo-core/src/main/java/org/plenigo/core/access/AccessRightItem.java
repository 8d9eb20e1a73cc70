package org.plenigo.core.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.time.KeptInstants;

/**
 * One thing a customer holds that opens content: either an access right (such as {@code premium})
 * or exactly one piece of content (a credit unlock), for a lifetime from {@code startsAt} up to,
 * not including, {@code endsAt} (none: for ever). Instants are kept to the microsecond and lie
 * between {@link KeptInstants#EARLIEST} and {@link KeptInstants#LATEST}.
 *
 * @param blocked   blocked items open nothing (non-payment, an operator's decision) but are still held
 * @param reference what the item came from: the subscription, the purchase, the credit product or an
 *                  external system's reference
 */
public record AccessRightItem(AccessRightItemId id, CustomerId customerId, Optional<AccessRightId> accessRightId,
                              Optional<ContentId> contentId, AccessSource source, Instant startsAt,
                              Optional<Instant> endsAt, boolean blocked, Optional<String> reference) {
    public static final int MAX_REFERENCE_LENGTH = 200;

    public AccessRightItem {
        Require.notNull(id, "accessRightItem.id");
        Require.notNull(customerId, "accessRightItem.customerId");
        Require.notNull(accessRightId, "accessRightItem.accessRightId");
        Require.notNull(contentId, "accessRightItem.contentId");
        if (accessRightId.isPresent() == contentId.isPresent()) {
            throw new ValidationException("accessRightItem needs exactly one of accessRightId and contentId");
        }
        Require.notNull(source, "accessRightItem.source");
        // kept at the precision every store keeps, so that an item reads back as it was written
        startsAt = KeptInstants.require(startsAt, "accessRightItem.startsAt").truncatedTo(ChronoUnit.MICROS);
        endsAt = Require.notNull(endsAt, "accessRightItem.endsAt")
                .map(e -> KeptInstants.require(e, "accessRightItem.endsAt").truncatedTo(ChronoUnit.MICROS));
        if (endsAt.isPresent() && endsAt.get().isBefore(startsAt)) {
            throw new ValidationException("accessRightItem.endsAt " + endsAt.get() + " is before its startsAt "
                    + startsAt);
        }
        Require.notNull(reference, "accessRightItem.reference");
        reference.ifPresent(r -> Require.maxLength(Require.notBlank(r, "accessRightItem.reference"),
                MAX_REFERENCE_LENGTH, "accessRightItem.reference"));
    }

    /** An item for an access right. */
    public static AccessRightItem forRight(AccessRightItemId id, CustomerId customerId, AccessRightId right,
                                           AccessSource source, Instant startsAt, Optional<Instant> endsAt,
                                           Optional<String> reference) {
        return new AccessRightItem(id, customerId, Optional.of(Require.notNull(right, "accessRightItem.accessRightId")),
                Optional.empty(), source, startsAt, endsAt, false, reference);
    }

    /** An item for exactly one piece of content. */
    public static AccessRightItem forContent(AccessRightItemId id, CustomerId customerId, ContentId content,
                                             AccessSource source, Instant startsAt, Optional<Instant> endsAt,
                                             Optional<String> reference) {
        return new AccessRightItem(id, customerId, Optional.empty(),
                Optional.of(Require.notNull(content, "accessRightItem.contentId")), source, startsAt, endsAt, false,
                reference);
    }

    /** Whether the item's lifetime contains {@code at} (blocked or not). */
    public boolean activeAt(Instant at) {
        return !startsAt.isAfter(at) && (endsAt.isEmpty() || at.isBefore(endsAt.get()));
    }

    /** Whether its lifetime overlaps {@code [from, to)}. */
    public boolean activeWithin(Instant from, Instant to) {
        return startsAt.isBefore(to) && (endsAt.isEmpty() || endsAt.get().isAfter(from));
    }
}
