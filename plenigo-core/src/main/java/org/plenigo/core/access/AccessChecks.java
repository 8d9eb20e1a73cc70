package org.plenigo.core.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.plenigo.core.internal.Context;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.store.Store;

/**
 * The access check, decided in the order {@link AccessService} describes: the customer's items,
 * then sponsor grants (admitting a reader under a budget), then the meter (counting a free view).
 *
 * <p>Every check is decided as a preview first, reading outside any transaction; only a counting
 * check whose preview grants a free view or a sponsor's reader is decided again, counting, in a
 * unit of work.
 */
final class AccessChecks {
    private static final AccessDecision FREE = AccessDecision.of(AccessReason.FREE_CONTENT, Optional.empty());
    private static final AccessDecision BLOCKED_CUSTOMER =
            AccessDecision.of(AccessReason.CUSTOMER_BLOCKED, Optional.empty());
    /** The decisions granted by an item without an end, by its source: the same answer every time. */
    private static final Map<AccessSource, AccessDecision> FOR_EVER = forEver();

    private final Context context;
    private final Store store;
    private final CatalogCache catalog;
    private final UnitOfWork unitOfWork;

    AccessChecks(Context context) {
        this.context = context;
        this.store = context.store();
        this.catalog = context.catalog();
        this.unitOfWork = context.unitOfWork();
    }

    private static Map<AccessSource, AccessDecision> forEver() {
        Map<AccessSource, AccessDecision> decisions = new EnumMap<>(AccessSource.class);
        for (AccessSource source : AccessSource.values()) {
            decisions.put(source, AccessDecision.of(AccessReason.of(source), Optional.empty()));
        }
        return decisions;
    }

    AccessDecision check(AccessCheck check) {
        return decide(check, true);
    }

    AccessDecision preview(AccessCheck check) {
        return decide(check, false);
    }

    private AccessDecision decide(AccessCheck check, boolean counting) {
        Require.notNull(check, "check");
        if (check.requiredRights().isEmpty()) {
            return FREE;
        }
        Instant now = context.now();
        List<ContentId> contents = contentsOf(check);
        Optional<CustomerId> customer = check.customerId();
        Customer known = null;
        Instant nextStart = null;
        if (customer.isPresent()) {
            CustomerId id = customer.get();
            CheckItems read = store.transactions().read(
                    () -> store.accessRightItems().findForCheck(id, check.requiredRights(), contents, now));
            if (read.standing() == CustomerStanding.UNKNOWN) {
                return store.transactions().read(() -> denied(AccessReason.NO_ACCESS_RIGHT, check, OptionalInt.empty(),
                        null));
            }
            if (read.standing() == CustomerStanding.BLOCKED) {
                return BLOCKED_CUSTOMER;
            }
            CheckItems.Item opening = opening(read.items(), now);
            if (opening != null) {
                return opening.endsAt().isEmpty() ? FOR_EVER.get(opening.source())
                        : AccessDecision.of(AccessReason.of(opening.source()), opening.endsAt());
            }
            nextStart = nextStart(read.items(), now);
            if (anyBlocked(read.items(), now)) {
                Instant until = earlier(blockedUntil(read.items(), now), nextStart);
                return store.transactions().read(() -> denied(AccessReason.ACCESS_BLOCKED, check, OptionalInt.empty(),
                        until));
            }
            known = read.customer().orElse(null);
        }
        Customer record = known;
        Instant itemStart = nextStart;
        AccessDecision preview = store.transactions().read(
                () -> beyondItems(check, contents, customer, record, itemStart, now, false));
        // only a free view or a sponsor's reader can be counted: other answers need no unit of work
        boolean countable = preview.reason() == AccessReason.METERED_FREE_VIEW
                || preview.reason() == AccessReason.SPONSORED;
        return counting && countable
                ? unitOfWork.run(events -> beyondItems(check, contents, customer, record, itemStart, now, true))
                : preview;
    }

    /**
     * The active, unblocked item that opens the content for longest: the one that ends last, one
     * without an end before all others, the first in the store's order among equals; or null.
     */
    private static CheckItems.Item opening(List<CheckItems.Item> items, Instant now) {
        CheckItems.Item opening = null;
        for (CheckItems.Item item : items) {
            if (!item.blocked() && item.activeAt(now) && (opening == null || endsLater(item, opening))) {
                opening = item;
            }
        }
        return opening;
    }

    private static boolean endsLater(CheckItems.Item item, CheckItems.Item than) {
        return than.endsAt().isPresent()
                && (item.endsAt().isEmpty() || item.endsAt().get().isAfter(than.endsAt().get()));
    }

    private static boolean anyBlocked(List<CheckItems.Item> items, Instant now) {
        for (CheckItems.Item item : items) {
            if (item.blocked() && item.activeAt(now)) {
                return true;
            }
        }
        return false;
    }

    /** The earliest end of the active, blocked items, or null if none of them ends. */
    private static Instant blockedUntil(List<CheckItems.Item> items, Instant now) {
        Instant until = null;
        for (CheckItems.Item item : items) {
            if (item.blocked() && item.activeAt(now)) {
                until = earlier(until, item.endsAt().orElse(null));
            }
        }
        return until;
    }

    /** The earliest start of an item that starts after {@code now}, or null. */
    private static Instant nextStart(List<CheckItems.Item> items, Instant now) {
        Instant next = null;
        for (CheckItems.Item item : items) {
            // an item revoked before its start (ended at it) never opens anything
            if (item.startsAt().isAfter(now)
                    && (item.endsAt().isEmpty() || item.endsAt().get().isAfter(item.startsAt()))) {
                next = earlier(next, item.startsAt());
            }
        }
        return next;
    }

    /** Sponsor grants, then the meter, for a reader whose items do not open the content. */
    private AccessDecision beyondItems(AccessCheck check, List<ContentId> contents, Optional<CustomerId> customer,
                                       Customer known, Instant nextStart, Instant now, boolean counting) {
        Optional<AccessDecision> sponsored = sponsored(check, contents, customer, known, now, counting);
        if (sponsored.isPresent()) {
            return sponsored.get();
        }
        if (!check.meteringExempt()) {
            List<AccessRight> metered = new ArrayList<>(check.requiredRights().size());
            for (AccessRightId id : check.requiredRights()) {
                AccessRight right = catalog.accessRight(id);
                if (right.meter().isPresent()) {
                    metered.add(right);
                }
            }
            if (!metered.isEmpty()) {
                return metered(check, customer, metered, nextStart, now, counting);
            }
        }
        return denied(AccessReason.NO_ACCESS_RIGHT, check, OptionalInt.empty(), nextStart);
    }

    /** @param known the customer's record if it was read already, else null */
    private Optional<AccessDecision> sponsored(AccessCheck check, List<ContentId> contents,
                                               Optional<CustomerId> customer, Customer known, Instant now,
                                               boolean counting) {
        if (customer.isEmpty() && check.ipAddress().isEmpty() && check.sponsorCode().isEmpty()) {
            return Optional.empty();
        }
        List<SponsorGrant> grants = store.sponsorGrants().findFor(check.requiredRights(), contents, now);
        if (grants.isEmpty()) {
            return Optional.empty();
        }
        // the record only now, when a grant may admit the reader by email domain
        Optional<String> email = customer.map(id -> (known != null ? known
                : store.customers().find(id).orElseThrow(() -> new NotFoundException("customer", id))).email());
        for (SponsorGrant grant : grants) {
            if (!grant.admits(email, check.ipAddress(), check.sponsorCode())) {
                continue;
            }
            if (grant.readerBudget().isPresent() && !withinBudget(grant, sponsorReader(check), counting)) {
                continue;
            }
            return Optional.of(AccessDecision.of(AccessReason.SPONSORED, grant.validUntil()));
        }
        return Optional.empty();
    }

    /** Whether the reader was admitted under the grant's budget or can be (and, when counting, now is). */
    private boolean withinBudget(SponsorGrant grant, Optional<String> reader, boolean counting) {
        if (reader.isEmpty()) {
            // without anything to tell readers apart, a budget of distinct readers cannot be kept
            return false;
        }
        long budget = grant.readerBudget().getAsLong();
        SponsorGrantRepository grants = store.sponsorGrants();
        if (!counting) {
            // the count first: a reader admitted meanwhile is counted and recorded in one commit,
            // so a full count read after its admission is followed by a read that finds the reader
            return grants.readers(grant.id()) < budget || grants.hasReader(grant.id(), reader.get());
        }
        return grants.hasReader(grant.id(), reader.get()) || grants.admitReader(grant.id(), reader.get(), budget)
                || grants.hasReader(grant.id(), reader.get());
    }

    private static Optional<String> sponsorReader(AccessCheck check) {
        if (check.customerId().isPresent()) {
            return Optional.of("c:" + check.customerId().get());
        }
        if (check.visitorId().isPresent()) {
            return Optional.of("v:" + check.visitorId().get());
        }
        return check.ipAddress().map(ip -> "ip:" + ip);
    }

    private AccessDecision metered(AccessCheck check, Optional<CustomerId> customer, List<AccessRight> metered,
                                   Instant nextStart, Instant now, boolean counting) {
        String reader;
        if (customer.isPresent()) {
            reader = "c:" + customer.get();
        } else if (check.visitorId().isPresent()) {
            reader = "v:" + check.visitorId().get();
        } else {
            return denied(AccessReason.LOGIN_REQUIRED, check, OptionalInt.empty(), nextStart);
        }
        Instant exhaustedUntil = null;
        boolean registeringHelps = false;
        for (AccessRight right : metered) {
            MeterRule rule = right.meter().orElseThrow();
            int limit = rule.freeViews(customer.isPresent());
            if (limit == 0) {
                // no free views for this kind of reader, in any period: only logging in can change that
                registeringHelps |= customer.isEmpty() && rule.registeredViews() > 0;
                continue;
            }
            MeterView view = meter(reader, right, limit, check.contentId(), now, counting);
            if (view.granted) {
                return new AccessDecision(true, AccessReason.METERED_FREE_VIEW, OptionalInt.of(view.remaining),
                        List.of(), Optional.of(view.until));
            }
            exhaustedUntil = earlier(exhaustedUntil, view.until);
        }
        if (exhaustedUntil == null && registeringHelps) {
            return denied(AccessReason.LOGIN_REQUIRED, check, OptionalInt.of(0), nextStart);
        }
        return denied(AccessReason.METER_EXHAUSTED, check, OptionalInt.of(0), earlier(exhaustedUntil, nextStart));
    }

    private record MeterView(boolean granted, int remaining, Instant until) {
    }

    /** One metered right: a re-read, a free view (counted if {@code counting}) or exhausted. */
    private MeterView meter(String reader, AccessRight right, int limit, ContentId content, Instant now,
                            boolean counting) {
        MeterRepository meters = store.meters();
        Optional<MeterReading> reading = meters.read(reader, right.id(), content);
        Meter current = reading.map(MeterReading::meter).filter(m -> now.isBefore(m.periodEnd())).orElse(null);
        if (current != null && reading.get().contentViewed()) {
            return new MeterView(true, Math.max(0, limit - current.views()), current.periodEnd());
        }
        MeterPeriod period = current != null ? new MeterPeriod(current.periodStart(), current.periodEnd())
                : MeterPeriod.of(right.meter().orElseThrow(), now, context.zone());
        int views = current == null ? 0 : current.views();
        if (views >= limit) {
            return new MeterView(false, 0, period.end());
        }
        if (!counting) {
            return new MeterView(true, limit - views, period.end());
        }
        if (current == null) {
            boolean started = reading.isPresent()
                    ? meters.restart(reader, right.id(), reading.get().meter().periodStart(), period.start(), period.end())
                    : meters.insert(new Meter(reader, right.id(), period.start(), period.end(), 0));
            if (!started) {
                throw AccessFaults.lostRace("meter of " + reader + " for " + right.id());
            }
        }
        // the count answers the views with this one, those counted by others since the read included
        OptionalInt counted = meters.count(reader, right.id(), period.start(), content, limit);
        if (counted.isEmpty()) {
            throw AccessFaults.lostRace("meter of " + reader + " for " + right.id());
        }
        return new MeterView(true, Math.max(0, limit - counted.getAsInt()), period.end());
    }

    private AccessDecision denied(AccessReason reason, AccessCheck check, OptionalInt remaining, Instant until) {
        List<OfferId> offers = store.offers().findGranting(check.requiredRights());
        return new AccessDecision(false, reason, remaining, offers, Optional.ofNullable(until));
    }

    private static List<ContentId> contentsOf(AccessCheck check) {
        if (check.partOf().isEmpty()) {
            return List.of(check.contentId());
        }
        List<ContentId> contents = new ArrayList<>(check.partOf().size() + 1);
        contents.add(check.contentId());
        for (ContentId container : check.partOf()) {
            if (!container.equals(check.contentId())) {
                contents.add(container);
            }
        }
        return contents;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
