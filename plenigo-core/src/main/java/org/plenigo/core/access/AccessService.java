package org.plenigo.core.access;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.internal.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;

/**
 * The question the CMS asks on every page view, and what decides it: access right items, credit
 * unlocks, sponsor grants, metered views. Thread-safe.
 *
 * <p>A check is decided in this order: content that requires no right is free (FREE_CONTENT); an
 * unknown customer is denied (NO_ACCESS_RIGHT), a blocked one too (CUSTOMER_BLOCKED); an active,
 * unblocked item of the customer for a required right, for the content or for content it is part
 * of grants (reason by the item's source); if only blocked items would, ACCESS_BLOCKED. Then a
 * sponsor grant that admits the reader grants (SPONSORED); then, for content behind a METERED
 * right and not exempt from metering, a free view (METERED_FREE_VIEW, or METER_EXHAUSTED; or
 * LOGIN_REQUIRED without a customer and a visitor id, or for an anonymous reader who has no free
 * views but would have some logged in); otherwise NO_ACCESS_RIGHT. Denials name the offers that
 * grant a required right.
 *
 * <p>A check for a customer whose items decide it reads the store once (one statement on the JDBC
 * store), outside any transaction. Only a counting check that grants a free view or a sponsor's
 * reader runs a unit of work.
 *
 * <p>The single entry point of the access feature; each job is done by its own service behind it.
 */
public final class AccessService {
    private final AccessChecks checks;
    private final AccessItems items;
    private final CreditUnlocks unlocks;
    private final SponsorGrants sponsorGrants;
    private final BillableUsersReport billableUsers;

    public AccessService(Context context) {
        this.checks = new AccessChecks(context);
        this.items = new AccessItems(context);
        this.unlocks = new CreditUnlocks(context);
        this.sponsorGrants = new SponsorGrants(context);
        this.billableUsers = new BillableUsersReport(context);
    }

    /**
     * Decides whether the reader may see the content, counting what the decision uses up: a metered
     * free view (once per content and period) and a new reader of a sponsor grant with a budget.
     * Repeating a check of the same content by the same reader in the same period counts nothing
     * more. A check for an unknown customer is a denial, not an error.
     *
     * @throws ValidationException if {@code check} is null
     * @throws NotFoundException   if a required access right does not exist (a CMS misconfiguration),
     *                             found only when the right's paywall is needed
     */
    public AccessDecision check(AccessCheck check) {
        return checks.check(check);
    }

    /**
     * Decides like {@link #check} but counts nothing: for teaser lists and paywall previews. A
     * metered decision tells the free views left before this content would be counted.
     */
    public AccessDecision preview(AccessCheck check) {
        return checks.preview(check);
    }

    /**
     * Grants an EXTERNAL or SPONSOR item for an access right. Idempotent by the request's key: the
     * same key again returns the item granted first. Publishes {@link AccessEvent.ItemGranted}.
     *
     * @throws NotFoundException if the customer or the access right does not exist
     * @throws ConflictException with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used for another request
     */
    public AccessRightItem grant(GrantAccess request) {
        return items.grant(request);
    }

    /**
     * Ends an item now (for rights sold elsewhere that ended there, or an operator's decision). The
     * item stays on record, ended. Revoking an ended item changes nothing.
     *
     * @return the item as it is after the call
     * @throws NotFoundException if the item does not exist
     */
    public AccessRightItem revoke(AccessRightItemId id) {
        return items.revoke(id);
    }

    /**
     * Blocks an item (for non-payment, by an operator): it opens nothing, and a check that only it
     * would have granted is denied with ACCESS_BLOCKED. Blocking a blocked item changes nothing.
     *
     * @return the item as it is after the call
     * @throws NotFoundException if the item does not exist
     */
    public AccessRightItem block(AccessRightItemId id) {
        return items.block(id);
    }

    /**
     * Lifts the block of an item.
     *
     * @return the item as it is after the call
     * @throws NotFoundException if the item does not exist
     */
    public AccessRightItem unblock(AccessRightItemId id) {
        return items.unblock(id);
    }

    /**
     * Blocks the customer: every access check for content that requires an access right is denied
     * with CUSTOMER_BLOCKED until {@link #unblockCustomer}. Blocking a blocked customer changes
     * nothing. Publishes {@link AccessEvent.CustomerBlockChanged} when the flag changes.
     *
     * @return the customer as it is after the call
     * @throws NotFoundException if the customer does not exist
     */
    public Customer blockCustomer(CustomerId id) {
        return items.setCustomerBlocked(id, true);
    }

    /**
     * Lifts a customer's block; unblocking a customer who is not blocked changes nothing.
     *
     * @return the customer as it is after the call
     * @throws NotFoundException if the customer does not exist
     */
    public Customer unblockCustomer(CustomerId id) {
        return items.setCustomerBlocked(id, false);
    }

    public Optional<AccessRightItem> findItem(AccessRightItemId id) {
        return items.findItem(id);
    }

    /** All items of the customer, ended and blocked ones included, by start. */
    public List<AccessRightItem> items(CustomerId customerId) {
        return items.items(customerId);
    }

    /**
     * Unlocks a credit product: spends its credits from the customer's wallet of the product's kind
     * (with the automatic top-up behaviour of {@link org.plenigo.core.wallet.WalletService#consume})
     * and grants an item for each content, for ever, all in one unit of work. An ARTICLE or an ISSUE
     * unlocks its one content ({@code picks} empty or that content); a WEBINAR_SERIES the
     * {@code product.picks()} sessions picked. If the customer already holds every content asked
     * for, nothing is charged ({@link UnlockResult.AlreadyHeld}); if it holds some of the picked
     * sessions, the price is charged and the others are granted. Unlocks of the same product by
     * one customer run one after the other, so two at once charge once. Idempotent by {@code key}.
     *
     * @throws ValidationException if the picks do not fit the product
     * @throws NotFoundException   if the customer or the product does not exist
     * @throws ConflictException   with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used for another request
     */
    public UnlockResult unlock(CustomerId customerId, CreditProductId productId, List<ContentId> picks,
                               IdempotencyKey key) {
        return unlocks.unlock(customerId, productId, picks, key);
    }

    /**
     * Creates a sponsor grant.
     *
     * @throws NotFoundException if one of its access rights does not exist
     * @throws ConflictException with {@link ErrorCode#ALREADY_EXISTS} if the id is taken
     */
    public SponsorGrant createSponsorGrant(SponsorGrant grant) {
        return sponsorGrants.create(grant);
    }

    /**
     * Ends a sponsor grant at {@code endsAt} (exclusive; to the microsecond), for instance when the
     * sponsor's contract ends early: from then on it admits no reader, not even one admitted under
     * its budget before, and a check it grants before then may be cached until then at most. An end
     * is only brought forward: ending a grant later than it ends already changes nothing, so the call
     * can be repeated.
     *
     * @return the grant as it is stored afterwards
     * @throws NotFoundException   if the grant does not exist
     * @throws ValidationException if {@code endsAt} is not after the grant's {@code validFrom}
     */
    public SponsorGrant endSponsorGrant(SponsorGrantId id, Instant endsAt) {
        return sponsorGrants.end(id, endsAt);
    }

    public Optional<SponsorGrant> findSponsorGrant(SponsorGrantId id) {
        return sponsorGrants.find(id);
    }

    /**
     * The number of distinct readers admitted under the grant's budget so far (0 for a grant without one).
     *
     * @throws NotFoundException if the grant does not exist
     */
    public long sponsorReaders(SponsorGrantId id) {
        return sponsorGrants.readers(id);
    }

    /**
     * The billable users of a month in the publisher's time zone: the distinct customers holding at
     * least one item whose lifetime overlaps the month, blocked or not.
     *
     * @param withList whether to list the customers too
     */
    public BillableUsers billableUsers(YearMonth month, boolean withList) {
        return billableUsers.of(month, withList);
    }
}
