package org.plenigo.core.access;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.plenigo.core.ConflictException;
import org.plenigo.core.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.UnitOfWork;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.CatalogCache;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.CreditProductKind;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.Fingerprint;
import org.plenigo.core.idempotency.Idempotency;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.store.Store;
import org.plenigo.core.time.Micros;
import org.plenigo.core.wallet.ConsumeCredits;
import org.plenigo.core.wallet.CreditBook;
import org.plenigo.core.wallet.CreditSpending;
import org.plenigo.core.wallet.LedgerEntryId;

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
 */
public final class AccessService {
    private static final String GRANT = "access.grant";
    private static final String UNLOCK = "access.unlock";
    private static final AccessDecision FREE = AccessDecision.of(AccessReason.FREE_CONTENT, Optional.empty());
    private static final AccessDecision BLOCKED_CUSTOMER =
            AccessDecision.of(AccessReason.CUSTOMER_BLOCKED, Optional.empty());
    /** The decisions granted by an item without an end, by its source: the same answer every time. */
    private static final Map<AccessSource, AccessDecision> FOR_EVER = forEver();

    private final Context context;
    private final Store store;
    private final CatalogCache catalog;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;
    private final CreditSpending spending;
    private final ItemBook items;

    private static Map<AccessSource, AccessDecision> forEver() {
        Map<AccessSource, AccessDecision> decisions = new EnumMap<>(AccessSource.class);
        for (AccessSource source : AccessSource.values()) {
            decisions.put(source, AccessDecision.of(AccessReason.of(source), Optional.empty()));
        }
        return decisions;
    }

    public AccessService(Context context) {
        this.context = context;
        this.store = context.store();
        this.catalog = context.catalog();
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
        this.spending = new CreditSpending(context);
        this.items = new ItemBook(context);
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
        return decide(check, true);
    }

    /**
     * Decides like {@link #check} but counts nothing: for teaser lists and paywall previews. A
     * metered decision tells the free views left before this content would be counted.
     */
    public AccessDecision preview(AccessCheck check) {
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
        Customer record = null;
        Instant nextStart = null;
        if (customer.isPresent()) {
            CustomerId id = customer.get();
            long at = Micros.of(now);
            // made afresh by each attempt: a read may be run again, and must not add to what it read before
            HeldItems held = store.transactions().read(() -> {
                HeldItems items = new HeldItems(at);
                items.standing = store.accessRightItems().findForCheck(id, check.requiredRights(), contents, at, items);
                return items;
            });
            if (held.standing == CustomerStanding.UNKNOWN) {
                return store.transactions().read(() -> denied(AccessReason.NO_ACCESS_RIGHT, check, OptionalInt.empty(),
                        null));
            }
            if (held.standing == CustomerStanding.BLOCKED) {
                return BLOCKED_CUSTOMER;
            }
            if (held.opening != null) {
                return held.openingEnd == Micros.NEVER ? FOR_EVER.get(held.opening)
                        : AccessDecision.of(AccessReason.of(held.opening), Optional.of(Micros.toInstant(held.openingEnd)));
            }
            if (held.blocked) {
                Instant until = instantOrNull(Math.min(held.blockedUntil, held.nextStart));
                return store.transactions().read(() -> denied(AccessReason.ACCESS_BLOCKED, check, OptionalInt.empty(),
                        until));
            }
            nextStart = instantOrNull(held.nextStart);
            record = held.customer;
        }
        Customer known = record;
        Instant itemStart = nextStart;
        AccessDecision preview = store.transactions().read(
                () -> beyondItems(check, contents, customer, known, itemStart, now, false));
        // only a free view or a sponsor's reader can be counted: other answers need no unit of work
        boolean countable = preview.reason() == AccessReason.METERED_FREE_VIEW
                || preview.reason() == AccessReason.SPONSORED;
        return counting && countable
                ? unitOfWork.run(events -> beyondItems(check, contents, customer, known, itemStart, now, true))
                : preview;
    }

    private static Instant instantOrNull(long micros) {
        return micros == Micros.NEVER ? null : Micros.toInstant(micros);
    }

    /**
     * What a customer's items for a check come to at {@link #at}, folded as the store reads them
     * (by start, then id); instants in microseconds, {@link Micros#NEVER} for none. Once an active,
     * unblocked item without an end is found, nothing later can change the decision.
     */
    private static final class HeldItems implements ItemsForCheck {
        final long at;
        CustomerStanding standing;
        /** The customer's record if the store handed it over, else null. */
        Customer customer;
        /** The source of the active, unblocked item that ends last (the first without an end), or null. */
        AccessSource opening;
        long openingEnd;
        /** Whether an active but blocked item would open the content, and the earliest end of such items. */
        boolean blocked;
        long blockedUntil = Micros.NEVER;
        /** The earliest start of an item that starts later (and is not revoked). */
        long nextStart = Micros.NEVER;

        HeldItems(long at) {
            this.at = at;
        }

        @Override
        public boolean add(AccessSource source, long startMicros, long endMicros, boolean blocked) {
            if (startMicros > at) {
                // an item revoked before its start (ends at it) never opens anything
                if (endMicros > startMicros) {
                    nextStart = Math.min(nextStart, startMicros);
                }
            } else if (endMicros > at) {
                if (blocked) {
                    this.blocked = true;
                    blockedUntil = Math.min(blockedUntil, endMicros);
                } else if (opening == null || endMicros > openingEnd) {
                    opening = source;
                    openingEnd = endMicros;
                    return endMicros != Micros.NEVER;
                }
            }
            return true;
        }

        @Override
        public void customer(Customer customer) {
            this.customer = customer;
        }
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
                throw lostRace("meter of " + reader + " for " + right.id());
            }
        }
        // the count answers the views with this one, those counted by others since the read included
        OptionalInt counted = meters.count(reader, right.id(), period.start(), content, limit);
        if (counted.isEmpty()) {
            throw lostRace("meter of " + reader + " for " + right.id());
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

    /**
     * Grants an EXTERNAL or SPONSOR item for an access right. Idempotent by the request's key: the
     * same key again returns the item granted first. Publishes {@link AccessEvent.ItemGranted}.
     *
     * @throws NotFoundException if the customer or the access right does not exist
     * @throws ConflictException with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used for another request
     */
    public AccessRightItem grant(GrantAccess request) {
        Require.notNull(request, "request");
        String fingerprint = Fingerprint.of(request.customerId(), request.accessRightId(), request.source(),
                request.startsAt(), request.endsAt().orElse(null), request.reference());
        return unitOfWork.run(events -> {
            Optional<Map<String, String>> previous = idempotency.previousResult(request.key(), GRANT, fingerprint);
            if (previous.isPresent()) {
                return items.require(new AccessRightItemId(previous.get().get("item")));
            }
            requireCustomer(request.customerId());
            catalog.accessRight(request.accessRightId());
            AccessRightItem item = AccessRightItem.forRight(ItemBook.itemId(GRANT + "/" + request.key()), request.customerId(),
                    request.accessRightId(), request.source(), request.startsAt(), request.endsAt(),
                    Optional.of(request.reference()));
            items.insert(item, events);
            idempotency.record(request.key(), GRANT, fingerprint, Map.of("item", item.id().value()));
            return item;
        });
    }

    /**
     * Ends an item now (for rights sold elsewhere that ended there, or an operator's decision). The
     * item stays on record, ended. Revoking an ended item changes nothing.
     *
     * @return the item as it is after the call
     * @throws NotFoundException if the item does not exist
     */
    public AccessRightItem revoke(AccessRightItemId id) {
        Require.notNull(id, "accessRightItemId");
        return unitOfWork.run(events -> {
            AccessRightItem item = items.require(id);
            Instant now = context.now();
            if (item.endsAt().isPresent() && !item.endsAt().get().isAfter(now)) {
                return item;
            }
            items.end(item, now, events);
            return items.require(id);
        });
    }

    /**
     * Blocks an item (for non-payment, by an operator): it opens nothing, and a check that only it
     * would have granted is denied with ACCESS_BLOCKED. Blocking a blocked item changes nothing.
     *
     * @return the item as it is after the call
     * @throws NotFoundException if the item does not exist
     */
    public AccessRightItem block(AccessRightItemId id) {
        return setBlocked(id, true);
    }

    /**
     * Lifts the block of an item.
     *
     * @return the item as it is after the call
     * @throws NotFoundException if the item does not exist
     */
    public AccessRightItem unblock(AccessRightItemId id) {
        return setBlocked(id, false);
    }

    private AccessRightItem setBlocked(AccessRightItemId id, boolean blocked) {
        Require.notNull(id, "accessRightItemId");
        return unitOfWork.run(events -> {
            AccessRightItem item = items.require(id);
            if (item.blocked() == blocked) {
                return item;
            }
            store.accessRightItems().setBlocked(id, blocked);
            events.accept(new AccessEvent.ItemBlockChanged(item.customerId(), id, blocked, context.now()));
            return items.require(id);
        });
    }

    public Optional<AccessRightItem> findItem(AccessRightItemId id) {
        Require.notNull(id, "accessRightItemId");
        return store.transactions().inTransaction(() -> store.accessRightItems().find(id));
    }

    /** All items of the customer, ended and blocked ones included, by start. */
    public List<AccessRightItem> items(CustomerId customerId) {
        Require.notNull(customerId, "customerId");
        return store.transactions().inTransaction(() -> store.accessRightItems().findByCustomer(customerId));
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
        Require.notNull(customerId, "customerId");
        Require.notNull(productId, "creditProductId");
        Require.notNull(picks, "picks");
        Require.notNull(key, "idempotencyKey");
        return unitOfWork.run(events -> {
            CreditProduct product = catalog.creditProduct(productId);
            List<ContentId> chosen = chosen(product, picks);
            String fingerprint = Fingerprint.of(customerId, productId, chosen);
            Optional<Map<String, String>> previous = idempotency.previousResult(key, UNLOCK, fingerprint);
            if (previous.isPresent()) {
                return new UnlockResult.Replayed(decodeUnlock(previous.get()));
            }
            requireCustomer(customerId);
            Instant now = context.now();
            Map<ContentId, AccessRightItem> held = held(customerId, chosen, now);
            if (held.size() < chosen.size()) {
                // hold the wallet: a second unlock of the same content waits here and then finds it held
                store.customerWallets().findForUpdate(CreditBook.walletIdOf(customerId, product.walletId()));
                held = held(customerId, chosen, now);
            }
            if (held.size() == chosen.size()) {
                UnlockResult.AlreadyHeld answer = new UnlockResult.AlreadyHeld(List.copyOf(held.values()));
                idempotency.record(key, UNLOCK, fingerprint, Map.of("items", ItemBook.join(answer.items())));
                return answer;
            }
            CreditSpending.Outcome outcome = spending.spend(new ConsumeCredits(customerId, product.walletId(),
                    product.credits(), Optional.of(product.id().value()), key.derive("spend")), events);
            if (outcome instanceof CreditSpending.Refused refused) {
                throw UnitOfWork.abort(new UnlockResult.Refused(refused.refusal().reason(),
                        refused.refusal().balance(), refused.refusal().detail()), refused.events());
            }
            CreditSpending.Taken taken = (CreditSpending.Taken) outcome;
            List<AccessRightItem> granted = new ArrayList<>();
            for (ContentId content : chosen) {
                if (!held.containsKey(content)) {
                    AccessRightItem item = AccessRightItem.forContent(unlockItemId(customerId, content, now), customerId,
                            content, AccessSource.CREDIT_UNLOCK, now, Optional.empty(),
                            Optional.of(product.id().value()));
                    items.insert(item, events);
                    granted.add(item);
                }
            }
            UnlockResult.Unlocked answer = new UnlockResult.Unlocked(granted, product.credits(), taken.entry().id(),
                    taken.consumed().balance(), taken.consumed().topUps());
            idempotency.record(key, UNLOCK, fingerprint, Map.of("items", ItemBook.join(granted), "credits",
                    Long.toString(answer.credits()), "consumption", answer.consumption().value(), "balance",
                    Long.toString(answer.balance()), "topUps", String.join(",",
                            answer.topUps().stream().map(LedgerEntryId::value).toList())));
            return answer;
        });
    }

    /**
     * The id of the customer's next unlock of {@code content}: the first of a sequence derived from
     * both that is not taken (the ones before were revoked). Two unlocks at once derive the same id,
     * so one of them fails on its insert and is run again, whatever the database's isolation: the
     * hold on the wallet already makes the second wait and find the content held, and the id makes
     * sure of it where a database lets it read too early (H2 may, right after a lock is released).
     */
    private AccessRightItemId unlockItemId(CustomerId customerId, ContentId content, Instant now) {
        for (int n = 0; ; n++) {
            AccessRightItemId id = ItemBook.itemId(UNLOCK + "/" + customerId + "/" + content + "/" + n);
            Optional<AccessRightItem> taken = store.accessRightItems().find(id);
            if (taken.isEmpty()) {
                return id;
            }
            if (taken.get().endsAt().isEmpty() || taken.get().endsAt().get().isAfter(now)) {
                throw lostRace("the unlock of " + content + " by " + customerId);
            }
        }
    }

    private static List<ContentId> chosen(CreditProduct product, List<ContentId> picks) {
        if (product.kind() != CreditProductKind.WEBINAR_SERIES) {
            if (!picks.isEmpty() && !picks.equals(product.contents())) {
                throw new ValidationException("picks " + picks + " must be empty or " + product.contents()
                        + " for " + product.kind() + " '" + product.id() + "'");
            }
            return product.contents();
        }
        Set<ContentId> distinct = new HashSet<>(picks);
        if (picks.size() != product.picks() || distinct.size() != picks.size()) {
            throw new ValidationException("picks must name " + product.picks() + " distinct sessions of '"
                    + product.id() + "', was " + picks);
        }
        for (ContentId pick : picks) {
            if (!product.contents().contains(pick)) {
                throw new ValidationException("picks '" + pick + "' is not a session of '" + product.id() + "'");
            }
        }
        return picks.stream().sorted((a, b) -> a.value().compareTo(b.value())).toList();
    }

    /** The customer's items, by content, that have not ended for the given contents. */
    private Map<ContentId, AccessRightItem> held(CustomerId customerId, List<ContentId> contents, Instant now) {
        Map<ContentId, AccessRightItem> held = new LinkedHashMap<>();
        for (AccessRightItem item : store.accessRightItems().findByCustomer(customerId)) {
            if (item.endsAt().isEmpty() || item.endsAt().get().isAfter(now)) {
                item.contentId().filter(contents::contains).ifPresent(c -> held.putIfAbsent(c, item));
            }
        }
        return held;
    }

    private UnlockResult decodeUnlock(Map<String, String> previous) {
        List<AccessRightItem> granted = items.require(ItemBook.split(previous.get("items")));
        if (!previous.containsKey("consumption")) {
            return new UnlockResult.AlreadyHeld(granted);
        }
        String topUps = previous.get("topUps");
        return new UnlockResult.Unlocked(granted, Long.parseLong(previous.get("credits")),
                new LedgerEntryId(previous.get("consumption")), Long.parseLong(previous.get("balance")),
                topUps.isEmpty() ? List.of() : Arrays.stream(topUps.split(",")).map(LedgerEntryId::new).toList());
    }

    /**
     * Creates a sponsor grant.
     *
     * @throws NotFoundException if one of its access rights does not exist
     * @throws ConflictException with {@link ErrorCode#ALREADY_EXISTS} if the id is taken
     */
    public SponsorGrant createSponsorGrant(SponsorGrant grant) {
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
        Require.notNull(id, "sponsorGrantId");
        Instant end = Micros.requireKept(endsAt, "endsAt").truncatedTo(ChronoUnit.MICROS);
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

    public Optional<SponsorGrant> findSponsorGrant(SponsorGrantId id) {
        Require.notNull(id, "sponsorGrantId");
        return store.transactions().inTransaction(() -> store.sponsorGrants().find(id));
    }

    /**
     * The number of distinct readers admitted under the grant's budget so far (0 for a grant without one).
     *
     * @throws NotFoundException if the grant does not exist
     */
    public long sponsorReaders(SponsorGrantId id) {
        Require.notNull(id, "sponsorGrantId");
        return store.transactions().inTransaction(() -> {
            if (store.sponsorGrants().find(id).isEmpty()) {
                throw new NotFoundException("sponsor grant", id);
            }
            return store.sponsorGrants().readers(id);
        });
    }

    /**
     * The billable users of a month in the publisher's time zone: the distinct customers holding at
     * least one item whose lifetime overlaps the month, blocked or not.
     *
     * @param withList whether to list the customers too
     */
    public BillableUsers billableUsers(YearMonth month, boolean withList) {
        Require.notNull(month, "month");
        ZoneId zone = context.zone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<CustomerId> holders = store.transactions().inTransaction(
                () -> store.accessRightItems().findHolders(from, to));
        return new BillableUsers(month, holders.size(), withList ? Optional.of(holders) : Optional.empty());
    }

    private void requireCustomer(CustomerId id) {
        if (store.customers().find(id).isEmpty()) {
            throw new NotFoundException("customer", id);
        }
    }

    private static ConflictException lostRace(String what) {
        return new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, what + " was changed concurrently");
    }
}
