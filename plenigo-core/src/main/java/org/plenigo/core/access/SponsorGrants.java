package org.plenigo.core.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.internal.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.store.Store;
import org.plenigo.core.time.KeptInstants;

/**
 * Sponsor grants as a publisher manages them: created, ended early, read, and the readers admitted
 * under a budget counted. Which reader a grant admits is decided by {@link AccessChecks}.
 */
final class SponsorGrants {
    private final Store store;
    private final CatalogCache catalog;

    SponsorGrants(Context context) {
        this.store = context.store();
        this.catalog = context.catalog();
    }

    SponsorGrant create(SponsorGrant grant) {
        Require.notNull(grant, "sponsorGrant");
        return store.transactions().inTransaction(() -> {
            for (AccessRightId right : grant.accessRights()) {
                catalog.accessRight(right);
            }
            if (!store.sponsorGrants().insert(grant)) {
                throw new ConflictException(ErrorCode.ALREADY_EXISTS, "sponsor grant '" + grant.id()
                        + "' already exists");
            }
            return grant;
        });
    }

    SponsorGrant end(SponsorGrantId id, Instant endsAt) {
        Require.notNull(id, "sponsorGrantId");
        Instant end = KeptInstants.require(endsAt, "endsAt").truncatedTo(ChronoUnit.MICROS);
        return store.transactions().inTransaction(() -> {
            SponsorGrant grant = store.sponsorGrants().find(id)
                    .orElseThrow(() -> new NotFoundException("sponsor grant", id));
            if (!end.isAfter(grant.validFrom())) {
                throw new ValidationException("endsAt " + end + " must be after the grant's validFrom "
                        + grant.validFrom());
            }
            store.sponsorGrants().endAt(id, end);
            return store.sponsorGrants().find(id).orElseThrow();
        });
    }

    Optional<SponsorGrant> find(SponsorGrantId id) {
        Require.notNull(id, "sponsorGrantId");
        return store.transactions().inTransaction(() -> store.sponsorGrants().find(id));
    }

    long readers(SponsorGrantId id) {
        Require.notNull(id, "sponsorGrantId");
        return store.transactions().inTransaction(() -> {
            if (store.sponsorGrants().find(id).isEmpty()) {
                throw new NotFoundException("sponsor grant", id);
            }
            return store.sponsorGrants().readers(id);
        });
    }
}
