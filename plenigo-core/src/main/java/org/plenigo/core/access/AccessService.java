package org.plenigo.core.access;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Context;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;

/** Access checks, access right items, credit unlocks, sponsor grants and the billable users report. Thread-safe. */
public final class AccessService {
    private final Context context;

    public AccessService(Context context) {
        this.context = context;
    }

    /** Decides and counts: a metered free view and a sponsor reader under a budget are counted. */
    public AccessDecision check(AccessCheck check) {
        throw new UnsupportedOperationException();
    }

    /** Decides without counting anything (teaser lists). */
    public AccessDecision preview(AccessCheck check) {
        throw new UnsupportedOperationException();
    }

    public AccessRightItem grant(GrantAccess request) {
        throw new UnsupportedOperationException();
    }

    public AccessRightItem revoke(AccessRightItemId id) {
        throw new UnsupportedOperationException();
    }

    public AccessRightItem block(AccessRightItemId id) {
        throw new UnsupportedOperationException();
    }

    public AccessRightItem unblock(AccessRightItemId id) {
        throw new UnsupportedOperationException();
    }

    public Optional<AccessRightItem> findItem(AccessRightItemId id) {
        throw new UnsupportedOperationException();
    }

    public List<AccessRightItem> items(CustomerId customerId) {
        throw new UnsupportedOperationException();
    }

    public UnlockResult unlock(CustomerId customerId, CreditProductId productId, List<ContentId> picks,
                               IdempotencyKey key) {
        throw new UnsupportedOperationException();
    }

    public SponsorGrant createSponsorGrant(SponsorGrant grant) {
        throw new UnsupportedOperationException();
    }

    public Optional<SponsorGrant> findSponsorGrant(SponsorGrantId id) {
        throw new UnsupportedOperationException();
    }

    public long sponsorReaders(SponsorGrantId id) {
        throw new UnsupportedOperationException();
    }

    public BillableUsers billableUsers(YearMonth month, boolean withList) {
        throw new UnsupportedOperationException();
    }
}
