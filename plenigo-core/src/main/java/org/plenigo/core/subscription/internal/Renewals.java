package org.plenigo.core.subscription.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;
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
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionEvent;
import org.plenigo.core.time.Interval;

/**
 * The renewals of time-based subscriptions, one scheduler step at a time, always inside the
 * caller's unit of work. A step first stores the subscription's next state with a
 * version-conditional update, so that of several schedulers that read the same due subscription
 * exactly one goes on; the loser does nothing. Then it either ends the subscription (a cancellation
 * that takes effect) or charges billing period {@code nextTopUpIndex}: through
 * {@link Invoicing#charge}, taxed and invoiced with the period's days, under a key derived from the
 * subscription and the period's start. A paid period extends the access right items to its end; a
 * failed one is recorded as unpaid and no later period is charged. Internal: not part of the
 * stable API.
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
        return contract(subscription).billingInterval().orElseThrow();
    }

    /** The start of billing period {@code n} of the subscription (0: the day it started, at 00:00). */
    public Instant periodStart(Subscription subscription, long n) {
        return billing(subscription).periodStart(subscription.startedAt(), context.zone(), n);
    }

    /** When the scheduler is next due: the start of period {@code index} or the pending end, whichever is first. */
    public static Optional<Instant> nextDue(Optional<Instant> periodStart, Optional<Instant> endsAt) {
        if (periodStart.isEmpty()) {
            return endsAt;
        }
        return endsAt.filter(end -> end.isBefore(periodStart.get())).or(() -> periodStart);
    }

    /**
     * Does what is due for the subscription as it was read: ends it if its cancellation takes effect
     * at or before the due instant, else charges its next billing period. Returns what it did, or
     * empty if another caller changed the subscription meanwhile.
     */
    public Optional<Step> step(Subscription subscription, Consumer<DomainEvent> events) {
        Instant due = subscription.nextTopUpAt().orElseThrow();
        Optional<Instant> endsAt = subscription.endsAt();
        if (endsAt.isPresent() && !endsAt.get().isAfter(due)) {
            Subscription ended = subscription.cancelled(endsAt.get());
            if (!store.subscriptions().update(ended)) {
                return Optional.empty();
            }
            endItems(subscription, endsAt.get(), events);
            events.accept(new SubscriptionEvent.Ended(subscription.customerId(), subscription.id(), endsAt.get(),
                    SubscriptionEvent.EndReason.CANCELLED, context.now()));
            return Optional.of(Step.ENDED);
        }
        long index = subscription.nextTopUpIndex();
        Interval billing = billing(subscription);
        LocalDate anchor = LocalDate.ofInstant(subscription.startedAt(), context.zone());
        LocalDate firstDay = billing.periodDay(anchor, index);
        LocalDate nextDay = billing.periodDay(anchor, index + 1);
        Instant start = firstDay.atStartOfDay(context.zone()).toInstant();
        Instant end = nextDay.atStartOfDay(context.zone()).toInstant();
        Subscription claimed = subscription.renewed(index + 1, nextDue(Optional.of(end), endsAt), Optional.of(end),
                Optional.empty(), endsAt);
        if (!store.subscriptions().update(claimed)) {
            return Optional.empty();
        }
        Offer offer = catalog.offer(subscription.offerId());
        ProductContract contract = catalog.productContract(offer.productContractId());
        Customer customer = store.customers().find(subscription.customerId()).orElseThrow(
                () -> new IllegalStateException("subscription " + subscription.id() + " names no customer"));
        IdempotencyKey key = IdempotencyKey.of("renewal-" + IdempotencyKey.uuidOf(subscription.id() + "#" + start));
        ChargeOutcome outcome = invoicing.charge(new Invoicing.Sale(key, customer,
                SubscriptionTopUps.paidBy(subscription.id()), InvoicePurpose.SUBSCRIPTION_PERIOD, contract,
                "Period " + firstDay + " to " + nextDay.minusDays(1) + ": " + offer.title(), start, firstDay,
                nextDay.minusDays(1)), events);
        if (!outcome.paid()) {
            Subscription unpaid = claimed.renewed(index, endsAt, subscription.paidUntil(), Optional.of(start), endsAt);
            if (!store.subscriptions().update(unpaid)) {
                throw new IllegalStateException("subscription " + subscription.id() + " changed within its renewal");
            }
            events.accept(new SubscriptionEvent.RenewalFailed(subscription.customerId(), subscription.id(), index,
                    firstDay, outcome.failureReason().orElse("not paid"), context.now()));
            return Optional.of(Step.FAILED);
        }
        for (AccessRightId right : offer.accessRights()) {
            items.extend(items.require(ItemBook.itemId(subscription.id().value(), right)), end, events);
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

    private ProductContract contract(Subscription subscription) {
        return catalog.productContract(catalog.offer(subscription.offerId()).productContractId());
    }
}
