package org.plenigo.core.subscription.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.internal.ItemBook;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.internal.Context;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.internal.Invoicing;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Dunning;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionEvent;
import org.plenigo.core.time.Interval;

/**
 * The renewals of time-based subscriptions, one scheduler step at a time, always inside the
 * caller's unit of work. A step first stores the subscription's next state with a
 * version-conditional update, so that of several schedulers that read the same due subscription
 * exactly one goes on; the loser does nothing. Then it does one of:
 * <ul>
 *   <li>ends the subscription: a cancellation takes effect, or a period stayed unpaid until the
 *   end of dunning;</li>
 *   <li>charges billing period {@code nextTopUpIndex}, through {@link Invoicing#charge}, taxed and
 *   invoiced with the period's days, under a key derived from the subscription, the period's
 *   start and the attempt. A paid period extends the access right items to its end (and unblocks
 *   them); a failed one stays unpaid, its items stay usable until the next retry of the
 *   {@link Dunning} schedule, and are blocked after the last.</li>
 * </ul>
 * No later period is charged while one is unpaid, so none is given for free and none is charged
 * twice. Internal: not part of the stable API.
 */
public final class Renewals {
    /** What one step did. */
    public enum Step { RENEWED, FAILED, ENDED }

    private final Context context;
    private final Store store;
    private final CatalogCache catalog;
    private final ItemBook items;
    private final Invoicing invoicing;

    public Renewals(Context context) {
        this.context = context;
        this.store = context.store();
        this.catalog = context.catalog();
        this.items = new ItemBook(context);
        this.invoicing = new Invoicing(context);
    }

    /** The billing interval of the subscription's contract. */
    public Interval billing(Subscription subscription) {
        return catalog.productContract(catalog.offer(subscription.offerId()).productContractId()).billingInterval()
                .orElseThrow();
    }

    /** The start of billing period {@code n} of the subscription (0: the day it started, at 00:00). */
    public Instant periodStart(Subscription subscription, long n) {
        return billing(subscription).periodStart(subscription.startedAt(), context.zone(), n);
    }

    /**
     * When the subscription's own schedule is next due, leaving a pending end aside: the start of
     * the next period, or for an unpaid period its next retry or the end of dunning (the first of
     * them not before the instant the scheduler is due now).
     */
    public Instant scheduled(Subscription subscription) {
        if (subscription.unpaidSince().isEmpty()) {
            return periodStart(subscription, subscription.nextTopUpIndex());
        }
        LocalDate unpaidDay = LocalDate.ofInstant(subscription.unpaidSince().get(), context.zone());
        Dunning dunning = context.dunning();
        Instant end = unpaidDay.plusDays(dunning.endAfterDays()).atStartOfDay(context.zone()).toInstant();
        Optional<Instant> due = subscription.nextTopUpAt();
        if (due.isEmpty()) {
            return end;
        }
        return dunning.retryAfterDays().stream()
                .map(days -> unpaidDay.plusDays(days).atStartOfDay(context.zone()).toInstant())
                .filter(at -> !at.isBefore(due.get())).findFirst().orElse(end);
    }

    /** When the scheduler is next due: {@code next} or the pending end, whichever is first. */
    public static Optional<Instant> nextDue(Optional<Instant> next, Optional<Instant> endsAt) {
        if (next.isEmpty()) {
            return endsAt;
        }
        return endsAt.filter(end -> end.isBefore(next.get())).or(() -> next);
    }

    /**
     * Does what is due for the subscription as it was read. Returns what it did, or empty if another
     * caller changed the subscription meanwhile.
     */
    public Optional<Step> step(Subscription subscription, Consumer<DomainEvent> events) {
        Instant due = subscription.nextTopUpAt().orElseThrow();
        Optional<Instant> endsAt = subscription.endsAt();
        if (endsAt.isPresent() && !endsAt.get().isAfter(due)) {
            return end(subscription, endsAt.get(), SubscriptionEvent.EndReason.CANCELLED, events);
        }
        if (subscription.unpaidSince().isEmpty()) {
            return charge(subscription, "renewal", 0, events);
        }
        LocalDate unpaidDay = LocalDate.ofInstant(subscription.unpaidSince().get(), context.zone());
        long elapsed = ChronoUnit.DAYS.between(unpaidDay, LocalDate.ofInstant(due, context.zone()));
        if (elapsed >= context.dunning().endAfterDays()) {
            return end(subscription, due, SubscriptionEvent.EndReason.NOT_PAID, events);
        }
        return charge(subscription, "retry-" + elapsed, elapsed, events);
    }

    /**
     * Charges the unpaid period of the subscription now, outside the retry schedule (a manual
     * payment); returns whether it was paid, or empty if another caller changed it meanwhile.
     */
    public Optional<Step> settle(Subscription subscription, IdempotencyKey key, Consumer<DomainEvent> events) {
        LocalDate unpaidDay = LocalDate.ofInstant(subscription.unpaidSince().orElseThrow(), context.zone());
        return charge(subscription, "manual-" + key.value(),
                ChronoUnit.DAYS.between(unpaidDay, LocalDate.ofInstant(context.now(), context.zone())), events);
    }

    private Optional<Step> end(Subscription subscription, Instant at, SubscriptionEvent.EndReason reason,
                               Consumer<DomainEvent> events) {
        if (!store.subscriptions().update(subscription.cancelled(at))) {
            return Optional.empty();
        }
        endItems(subscription, at, events);
        events.accept(new SubscriptionEvent.Ended(subscription.customerId(), subscription.id(), at, reason,
                context.now()));
        return Optional.of(Step.ENDED);
    }

    /**
     * Charges period {@code nextTopUpIndex}: stores the state a failure leaves first (claiming the
     * attempt), then the paid state if the charge paid.
     */
    private Optional<Step> charge(Subscription subscription, String attempt, long elapsed,
                                  Consumer<DomainEvent> events) {
        long index = subscription.nextTopUpIndex();
        Interval billing = billing(subscription);
        LocalDate anchor = LocalDate.ofInstant(subscription.startedAt(), context.zone());
        LocalDate firstDay = billing.periodDay(anchor, index);
        LocalDate nextDay = billing.periodDay(anchor, index + 1);
        Instant start = firstDay.atStartOfDay(context.zone()).toInstant();
        Instant end = nextDay.atStartOfDay(context.zone()).toInstant();
        Optional<Instant> endsAt = subscription.endsAt();
        Dunning dunning = context.dunning();
        boolean firstFailure = subscription.unpaidSince().isEmpty();
        Optional<Integer> nextRetry = dunning.retryAfterDays().stream().filter(days -> days > elapsed).findFirst();
        Instant dunningEnd = firstDay.plusDays(dunning.endAfterDays()).atStartOfDay(context.zone()).toInstant();
        Instant retryAt = nextRetry.map(days -> firstDay.plusDays(days).atStartOfDay(context.zone()).toInstant())
                .orElse(dunningEnd);
        Subscription failed = subscription.renewed(index, nextDue(Optional.of(retryAt), endsAt),
                subscription.paidUntil(), Optional.of(start), endsAt);
        if (!store.subscriptions().update(failed)) {
            return Optional.empty();
        }
        Offer offer = catalog.offer(subscription.offerId());
        ProductContract contract = catalog.productContract(offer.productContractId());
        Customer customer = store.customers().find(subscription.customerId()).orElseThrow(
                () -> new IllegalStateException("subscription " + subscription.id() + " names no customer"));
        IdempotencyKey key = IdempotencyKey.of("renewal-" + IdempotencyKey.uuidOf(subscription.id() + "#" + start
                + (firstFailure ? "" : "#" + attempt)));
        ChargeOutcome outcome = invoicing.charge(new Invoicing.Sale(key, customer,
                SubscriptionTopUps.paidBy(subscription.id()), InvoicePurpose.SUBSCRIPTION_PERIOD, contract,
                "Period " + firstDay + " to " + nextDay.minusDays(1) + ": " + offer.title(), start, firstDay,
                nextDay.minusDays(1), SubscriptionTopUps.laterChargesMethod(store, subscription)), events);
        if (!outcome.paid()) {
            String reason = outcome.failureReason().orElse("not paid");
            events.accept(new SubscriptionEvent.RenewalFailed(subscription.customerId(), subscription.id(), index,
                    firstDay, reason, context.now()));
            if (firstFailure) {
                // access stays while the charge is retried; blocked items still tell the check why
                setItemsEnd(subscription, offer, dunningEnd, events);
            }
            if (nextRetry.isEmpty() && setItemsBlocked(subscription, offer, true, events)) {
                events.accept(new SubscriptionEvent.AccessBlocked(subscription.customerId(), subscription.id(), index,
                        reason, dunningEnd, context.now()));
            }
            return Optional.of(Step.FAILED);
        }
        Subscription paid = failed.renewed(index + 1, nextDue(Optional.of(end), endsAt), Optional.of(end),
                Optional.empty(), endsAt);
        if (!store.subscriptions().update(paid)) {
            throw new IllegalStateException("subscription " + subscription.id() + " changed within its renewal");
        }
        setItemsEnd(subscription, offer, end, events);
        if (!firstFailure && setItemsBlocked(subscription, offer, false, events)) {
            events.accept(new SubscriptionEvent.AccessUnblocked(subscription.customerId(), subscription.id(),
                    context.now()));
        }
        events.accept(new SubscriptionEvent.Renewed(subscription.customerId(), subscription.id(), index, firstDay,
                nextDay.minusDays(1), outcome.paidBy().orElseThrow(), end, context.now()));
        return Optional.of(Step.RENEWED);
    }

    /** Ends the subscription's access right items at {@code at} (unless they end earlier). */
    public void endItems(Subscription subscription, Instant at, Consumer<DomainEvent> events) {
        for (AccessRightId right : catalog.offer(subscription.offerId()).accessRights()) {
            items.end(items.require(ItemBook.itemId(subscription.id().value(), right)), at, events);
        }
    }

    /** Moves the end of the subscription's items to exactly {@code at}, earlier or later. */
    private void setItemsEnd(Subscription subscription, Offer offer, Instant at, Consumer<DomainEvent> events) {
        for (AccessRightId right : offer.accessRights()) {
            AccessRightItem item = items.require(ItemBook.itemId(subscription.id().value(), right));
            items.end(item, at, events);
            items.extend(item, at, events);
        }
    }

    /** Blocks or unblocks the subscription's items; returns whether any changed. */
    private boolean setItemsBlocked(Subscription subscription, Offer offer, boolean blocked,
                                    Consumer<DomainEvent> events) {
        boolean changed = false;
        for (AccessRightId right : offer.accessRights()) {
            AccessRightItem item = items.require(ItemBook.itemId(subscription.id().value(), right));
            if (item.blocked() != blocked) {
                items.setBlocked(item, blocked, events);
                changed = true;
            }
        }
        return changed;
    }
}
