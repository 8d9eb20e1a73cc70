package org.plenigo.core.subscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.internal.ItemBook;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.internal.Fingerprint;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.idempotency.internal.IdempotentOperation;
import org.plenigo.core.idempotency.internal.ResultCodec;
import org.plenigo.core.idempotency.internal.ResultFields;
import org.plenigo.core.internal.Context;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.internal.Invoicing;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.internal.CancellationTerms;
import org.plenigo.core.subscription.internal.HeldOffers;
import org.plenigo.core.subscription.internal.Renewals;
import org.plenigo.core.subscription.internal.SubscriptionTopUps;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.wallet.WalletEvent;
import org.plenigo.core.wallet.internal.CreditBook;
import org.plenigo.core.wallet.internal.TopUpAttempt;

/**
 * Subscribing to offers, external top-ups, cancelling subscriptions by their terms or at once, and
 * choosing the payment method of their next charges. Thread-safe.
 */
public final class SubscriptionService {
    private static final String SUBSCRIBE = "subscription.subscribe";
    /** Named for where the external top-up was first offered, so that keys used before stay replayable. */
    private static final IdempotentOperation<TopUpResult.ToppedUp> TOP_UP = IdempotentOperation.of("wallet.top-up",
            ResultCodec.of(t -> ResultFields.create().with("entry", t.entryId().value()).with("credits", t.credits())
                            .with("balance", t.balance()),
                    f -> new TopUpResult.ToppedUp(new LedgerEntryId(f.text("entry")), f.number("credits"),
                            f.number("balance"))));

    private final Context context;
    private final Store store;
    private final CreditBook book;
    private final SubscriptionTopUps topUps;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;
    private final ItemBook items;
    private final Invoicing invoicing;
    private final Renewals renewals;
    private final IdempotentOperation<Cancellation> cancelNow;
    /** A replay shows the subscription and its items as they are now, so they are read again. */
    private final IdempotentOperation<SubscriptionResult.Created> subscribe;

    public SubscriptionService(Context context) {
        this.context = context;
        this.store = context.store();
        this.book = new CreditBook(context);
        this.topUps = new SubscriptionTopUps(context);
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
        this.items = new ItemBook(context);
        this.invoicing = new Invoicing(context);
        this.renewals = new Renewals(context);
        this.subscribe = IdempotentOperation.of(SUBSCRIBE, ResultCodec.of(SubscriptionService::encode, this::decode));
        this.cancelNow = IdempotentOperation.of("subscription.cancel-immediately", ResultCodec.of(c -> {
            ResultFields fields = ResultFields.create().with("subscription", c.subscription().id().value())
                    .with("at", c.takesEffectAt().toString());
            return c.refund().map(r -> fields.with("unused", r.unusedDays()).with("days", r.periodDays())
                    .with("amount", r.amount().amount().toPlainString())
                    .with("currency", r.amount().currency().getCurrencyCode())).orElse(fields);
        }, f -> new Cancellation(require(new SubscriptionId(f.text("subscription"))), Instant.parse(f.text("at")),
                f.has("amount") ? Optional.of(new Cancellation.Refund(f.number("unused"), f.number("days"),
                        Money.of(f.text("amount"), f.text("currency")))) : Optional.empty())));
    }

    /**
     * Subscribes the customer to an offer, in one unit of work; if the first charge fails nothing
     * is created. Idempotent by {@code key}.
     * <ul>
     *   <li>A usage-based offer: creates the subscription, opens the customer's wallet (or reuses it
     *   when another subscription already feeds the same wallet) and books the first top-up,
     *   charged ({@link SubscriptionResult.Subscribed}). A TIME_BASED top-up subscription then tops
     *   up at the start of each period's first day, counted from today in the publisher's zone.</li>
     *   <li>A time-based offer: creates the subscription, charges its first billing period (from
     *   today to the day before the next period starts) and grants one item per access right of the
     *   offer, from now until the first period ends ({@link SubscriptionResult.Activated}). Each
     *   further billing period is charged when it starts, by {@code topUps().runDue()}, which extends
     *   the items to its end.</li>
     * </ul>
     *
     * @throws NotFoundException if the customer or the offer does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the offer is a single
     *                           purchase; with {@link ErrorCode#ALREADY_SUBSCRIBED} if the offer is
     *                           time-based, does not allow several and the customer holds an active
     *                           subscription to it; with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if
     *                           the key was used for another request
     */
    public SubscriptionResult subscribe(CustomerId customerId, OfferId offerId, IdempotencyKey key) {
        return subscribe(customerId, offerId, Optional.empty(), key);
    }

    /**
     * Subscribes as {@link #subscribe(CustomerId, OfferId, IdempotencyKey)} does, paying the first
     * charge and every later one with {@code paymentMethod} until
     * {@link #changePaymentMethod changed}. A subscription whose first payment is an iDEAL payment
     * is charged afterwards on the customer's default method, which the SEPA mandate that payment
     * yields becomes.
     *
     * @param paymentMethod one of the customer's payment methods; empty: the customer's default at
     *                      each charge
     * @throws NotFoundException if the customer, the offer or the customer's payment method does not exist
     */
    public SubscriptionResult subscribe(CustomerId customerId, OfferId offerId, Optional<PaymentMethodId> paymentMethod,
                                        IdempotencyKey key) {
        Require.notNull(customerId, "customerId");
        Require.notNull(offerId, "offerId");
        Require.notNull(paymentMethod, "paymentMethod");
        Require.notNull(key, "idempotencyKey");
        // without a method the fingerprint is the one keys were recorded with before methods could be chosen
        String fingerprint = paymentMethod.isEmpty() ? Fingerprint.of(customerId, offerId)
                : Fingerprint.of(customerId, offerId, paymentMethod.get());
        return unitOfWork.run(events -> idempotency.run(key, subscribe, fingerprint, SubscriptionResult.Replayed::new,
                () -> create(customerId, offerId, paymentMethod, key, events)));
    }

    private SubscriptionResult.Created create(CustomerId customerId, OfferId offerId,
                                              Optional<PaymentMethodId> paymentMethod, IdempotencyKey key,
                                              Consumer<DomainEvent> events) {
        Customer customer = store.customers().find(customerId)
                .orElseThrow(() -> new NotFoundException("customer", customerId));
        Offer offer = context.catalog().offer(offerId);
        if (offer.type() == OfferType.SINGLE_PURCHASE) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "offer '" + offerId
                    + "' is a SINGLE_PURCHASE; it is bought, not subscribed to");
        }
        if (offer.type() == OfferType.TIME_BASED_SUBSCRIPTION) {
            requireNotHeld(customerId, offer);
            return activate(customer, offer, paymentMethod, key, events);
        }
        CustomerWallet customerWallet = book.openWallet(customerId, offer.walletId().orElseThrow());
        Instant now = context.now();
        TopUpPlan plan = offer.topUp().orElseThrow();
        boolean timeBased = plan.type() == TopUpType.TIME_BASED;
        Subscription subscription = new Subscription(
                new SubscriptionId("sub-" + IdempotencyKey.uuidOf(SUBSCRIBE + "/" + key)), customerId, offerId,
                SubscriptionStatus.ACTIVE, now, Optional.empty(), Optional.of(customerWallet.id()),
                Optional.of(plan.type()), timeBased ? 1 : 0,
                timeBased ? Optional.of(plan.interval().orElseThrow().periodStart(now, context.zone(), 1))
                        : Optional.empty(), paymentMethod, Optional.empty(), Optional.empty(), Optional.empty(), 0);
        if (!store.subscriptions().insert(subscription)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                    "subscription " + subscription.id() + " was created concurrently");
        }
        TopUpAttempt attempt = topUps.topUp(subscription, customer, paymentMethod, customerWallet.balance(),
                key.derive("top-up-0"), key, now, events);
        if (attempt.failure().isPresent()) {
            // no event: the subscription it would name is rolled back; the refusal is the answer
            throw UnitOfWork.abort(new SubscriptionResult.Refused(attempt.failure().get().reason(),
                    attempt.failure().get().detail()), List.of());
        }
        LedgerEntry entry = attempt.entry().orElseThrow();
        return new SubscriptionResult.Subscribed(subscription, entry.id(), entry.balanceAfter());
    }

    private void requireNotHeld(CustomerId customerId, Offer offer) {
        HeldOffers.requireNotHeld(store, customerId, offer);
    }

    private SubscriptionResult.Activated activate(Customer customer, Offer offer, Optional<PaymentMethodId> paymentMethod,
                                                  IdempotencyKey key, Consumer<DomainEvent> events) {
        CustomerId customerId = customer.id();
        Instant now = context.now();
        ProductContract contract = context.catalog().productContract(offer.productContractId());
        // a period is supplied on its days, the last one the day before the next period starts at 00:00
        Interval billing = contract.billingInterval().orElseThrow();
        LocalDate firstDay = LocalDate.ofInstant(now, context.zone());
        LocalDate nextDay = billing.periodDay(firstDay, 1);
        LocalDate lastDay = nextDay.minusDays(1);
        Instant paidUntil = nextDay.atStartOfDay(context.zone()).toInstant();
        Subscription subscription = new Subscription(
                new SubscriptionId("sub-" + IdempotencyKey.uuidOf(SUBSCRIBE + "/" + key)), customerId, offer.id(),
                SubscriptionStatus.ACTIVE, now, Optional.empty(), Optional.empty(), Optional.empty(), 1,
                Optional.of(paidUntil), paymentMethod, Optional.of(paidUntil), Optional.empty(), Optional.empty(), 0);
        if (!store.subscriptions().insert(subscription)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                    "subscription " + subscription.id() + " was created concurrently");
        }
        ChargeOutcome outcome = invoicing.charge(new Invoicing.Sale(key.derive("period-0"), customer,
                SubscriptionTopUps.paidBy(subscription.id()), InvoicePurpose.SUBSCRIPTION_PERIOD, contract,
                "First period: " + offer.title(), now, firstDay, lastDay, paymentMethod), events);
        if (!outcome.paid()) {
            throw UnitOfWork.abort(new SubscriptionResult.Refused(outcome.refusal().orElse(Refusal.PAYMENT_FAILED),
                    outcome.failureReason().orElseThrow()), List.of());
        }
        ChargeId charge = outcome.paidBy().orElseThrow();
        List<AccessRightItem> granted = items.grantRights(customerId, offer.accessRights(),
                AccessSource.TIME_BASED_SUBSCRIPTION, now, Optional.of(paidUntil), subscription.id().value(), events);
        return new SubscriptionResult.Activated(subscription, charge, granted);
    }

    private static ResultFields encode(SubscriptionResult.Created created) {
        ResultFields fields = ResultFields.create().with("subscription", created.subscription().id().value());
        if (created instanceof SubscriptionResult.Activated activated) {
            return fields.with("charge", activated.firstCharge().value())
                    .with("items", activated.items().stream().map(i -> i.id().value()).toList());
        }
        SubscriptionResult.Subscribed subscribed = (SubscriptionResult.Subscribed) created;
        return fields.with("entry", subscribed.firstTopUp().value()).with("balance", subscribed.balance());
    }

    private SubscriptionResult.Created decode(ResultFields fields) {
        Subscription subscription = require(new SubscriptionId(fields.text("subscription")));
        if (fields.has("charge")) {
            return new SubscriptionResult.Activated(subscription, new ChargeId(fields.text("charge")),
                    items.require(fields.list("items").stream().map(AccessRightItemId::new).toList()));
        }
        return new SubscriptionResult.Subscribed(subscription, new LedgerEntryId(fields.text("entry")),
                fields.number("balance"));
    }

    /**
     * Tops up the offer's credits of an EXTERNAL top-up subscription, charged; the call an outside
     * event or an operator triggers. A refused top-up changed nothing but its kept payment attempt
     * and is not recorded under its key; sent again under the same key, its charge is attempted
     * again.
     *
     * @throws NotFoundException if the subscription does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the subscription is not an
     *                           active EXTERNAL top-up subscription; with
     *                           {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used for another request
     */
    public TopUpResult topUp(SubscriptionId subscriptionId, IdempotencyKey key) {
        Require.notNull(subscriptionId, "subscriptionId");
        Require.notNull(key, "idempotencyKey");
        String fingerprint = Fingerprint.of(subscriptionId);
        return unitOfWork.run(events -> idempotency.run(key, TOP_UP, fingerprint, TopUpResult.Replayed::new, () -> {
            Subscription subscription = require(subscriptionId);
            TopUpType type = subscription.topUpType().orElse(null);
            if (type != TopUpType.EXTERNAL) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "subscription '" + subscriptionId
                        + "' is topped up " + (type == null ? "never" : type) + ", not EXTERNAL");
            }
            if (!subscription.isActive()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "subscription '" + subscriptionId
                        + "' is cancelled");
            }
            Instant now = context.now();
            long balance = book.wallet(SubscriptionTopUps.walletOf(subscription)).balance();
            TopUpAttempt attempt = topUps.topUp(subscription, balance, key.derive("charge"), key, now, events);
            if (attempt.failure().isPresent()) {
                // nothing was written; the refusal is not recorded under the key
                WalletEvent.TopUpFailed failure = attempt.failure().get();
                throw UnitOfWork.abort(new TopUpResult.Refused(failure.reason(), failure.detail()),
                        List.of(failure));
            }
            LedgerEntry entry = attempt.entry().orElseThrow();
            return new TopUpResult.ToppedUp(entry.id(), entry.credits(), entry.balanceAfter());
        }));
    }

    /**
     * Cancels the subscription now: no further top-ups or renewals; credits already bought stay
     * usable. The access right items of a time-based subscription end with the billing period that
     * is paid. Cancelling a cancelled subscription changes nothing. For a time-based subscription's
     * cancellation by its contract's terms see {@link #requestCancellation}, for one with immediate
     * effect {@link #cancelImmediately}.
     *
     * @return the subscription as it is after the call
     * @throws NotFoundException if the subscription does not exist
     */
    public Subscription cancel(SubscriptionId id) {
        Require.notNull(id, "subscriptionId");
        return unitOfWork.run(events -> {
            Subscription subscription = require(id);
            if (!subscription.isActive()) {
                return subscription;
            }
            Instant now = context.now();
            if (!store.subscriptions().cancel(id, now)) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "subscription " + id
                        + " changed concurrently");
            }
            Offer offer = context.catalog().offer(subscription.offerId());
            if (offer.type() == OfferType.TIME_BASED_SUBSCRIPTION) {
                Instant paidUntil = subscription.paidUntil().orElseGet(() -> paidUntil(subscription, offer, now));
                renewals.endItems(subscription, paidUntil, events);
                events.accept(new SubscriptionEvent.Ended(subscription.customerId(), id, paidUntil,
                        SubscriptionEvent.EndReason.CANCELLED, now));
            }
            return require(id);
        });
    }

    /**
     * The end of the billing period running at {@code now} for a subscription stored before it kept
     * the end of its paid periods: the first boundary at or after it.
     */
    private Instant paidUntil(Subscription subscription, Offer offer, Instant now) {
        Interval billing = context.catalog().productContract(offer.productContractId()).billingInterval().orElseThrow();
        long n = 1;
        Instant end = billing.boundary(subscription.startedAt(), context.zone(), n);
        while (end.isBefore(now)) {
            end = billing.boundary(subscription.startedAt(), context.zone(), ++n);
        }
        return end;
    }

    /**
     * Cancels a time-based subscription by its contract's terms ({@code term}, {@code cancellationPeriod},
     * {@code consumerNotice}): regularly at the end of the current term when given at least the
     * cancellation period before it, otherwise at the end of the next term; for a consumer in
     * Germany with the notice rule, at the end of the initial term or, after it, with at most one
     * month's notice. Until then it renews as before; {@code topUps().runDue()} ends it when the day
     * comes (no further charge, its items end). Asking again while a cancellation is pending
     * changes nothing and answers the same date.
     *
     * @return the subscription and the instant it ends: the start of its first day without access
     * @throws NotFoundException if the subscription does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if it is not an active
     *                           time-based subscription; with {@link ErrorCode#CONCURRENT_MODIFICATION}
     *                           if it changed meanwhile (send the request again)
     */
    public Cancellation requestCancellation(SubscriptionId id) {
        Require.notNull(id, "subscriptionId");
        return unitOfWork.run(events -> {
            Subscription subscription = requireRenewing(id);
            if (subscription.endsAt().isPresent()) {
                return new Cancellation(subscription, subscription.endsAt().get(), Optional.empty());
            }
            Customer customer = store.customers().find(subscription.customerId())
                    .orElseThrow(() -> new NotFoundException("customer", subscription.customerId()));
            ProductContract contract = context.catalog().productContract(
                    context.catalog().offer(subscription.offerId()).productContractId());
            Instant now = context.now();
            Instant endsAt = CancellationTerms.takesEffect(contract, customer,
                    LocalDate.ofInstant(subscription.startedAt(), context.zone()),
                    LocalDate.ofInstant(now, context.zone())).atStartOfDay(context.zone()).toInstant();
            Subscription pending = store(subscription.renewed(subscription.nextTopUpIndex(),
                    Renewals.nextDue(nextPeriod(subscription), Optional.of(endsAt)), subscription.paidUntil(),
                    subscription.unpaidSince(), Optional.of(endsAt)));
            events.accept(new SubscriptionEvent.CancellationRequested(subscription.customerId(), id, endsAt, now));
            return new Cancellation(pending, endsAt, Optional.empty());
        });
    }

    /**
     * Withdraws a pending regular cancellation before it takes effect: the subscription renews as
     * if it had never been cancelled.
     *
     * @return the subscription as it is after the call
     * @throws NotFoundException if the subscription does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if no cancellation is pending
     *                           or it has taken effect (its instant has come); with
     *                           {@link ErrorCode#CONCURRENT_MODIFICATION} if it changed meanwhile
     */
    public Subscription withdrawCancellation(SubscriptionId id) {
        Require.notNull(id, "subscriptionId");
        return unitOfWork.run(events -> {
            Subscription subscription = requireRenewing(id);
            Instant now = context.now();
            if (subscription.endsAt().filter(now::isBefore).isEmpty()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "subscription '" + id
                        + "' has no cancellation pending" + subscription.endsAt().map(e -> "; it ended at " + e)
                        .orElse(""));
            }
            Subscription withdrawn = store(subscription.renewed(subscription.nextTopUpIndex(),
                    nextPeriod(subscription), subscription.paidUntil(), subscription.unpaidSince(), Optional.empty()));
            events.accept(new SubscriptionEvent.CancellationWithdrawn(subscription.customerId(), id, now));
            return withdrawn;
        });
    }

    /**
     * Cancels a time-based subscription with immediate effect: it ends now, its access right items
     * end now and no further period is charged. With {@code proRataRefund} the answer carries the
     * unused part of the paid billing period (the days after today) as a value; this call moves no
     * money itself. Idempotent by {@code key}: the same key answers the first answer again.
     *
     * @throws NotFoundException if the subscription does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if it is not an active
     *                           time-based subscription; with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}
     *                           if the key was used for another request
     */
    public Cancellation cancelImmediately(SubscriptionId id, boolean proRataRefund, IdempotencyKey key) {
        Require.notNull(id, "subscriptionId");
        Require.notNull(key, "idempotencyKey");
        return unitOfWork.run(events -> idempotency.run(key, cancelNow, Fingerprint.of(id, proRataRefund),
                c -> c, () -> {
                    Subscription subscription = requireRenewing(id);
                    Instant now = context.now();
                    Subscription cancelled = store(subscription.cancelled(now));
                    renewals.endItems(subscription, now, events);
                    events.accept(new SubscriptionEvent.Ended(subscription.customerId(), id, now,
                            SubscriptionEvent.EndReason.CANCELLED_IMMEDIATELY, now));
                    return new Cancellation(cancelled, now, proRataRefund ? unused(subscription, now)
                            : Optional.empty());
                }));
    }

    /** The paid days after today's and their share of the price, if any are left. */
    private Optional<Cancellation.Refund> unused(Subscription subscription, Instant now) {
        if (subscription.paidUntil().filter(now::isBefore).isEmpty() || subscription.nextTopUpIndex() < 1) {
            return Optional.empty();
        }
        ZoneId zone = context.zone();
        LocalDate periodStart = LocalDate.ofInstant(renewals.periodStart(subscription,
                subscription.nextTopUpIndex() - 1), zone);
        LocalDate end = LocalDate.ofInstant(subscription.paidUntil().get(), zone);
        long periodDays = ChronoUnit.DAYS.between(periodStart, end);
        long unusedDays = ChronoUnit.DAYS.between(LocalDate.ofInstant(now, zone).plusDays(1), end);
        if (unusedDays < 1 || periodDays < unusedDays) {
            return Optional.empty();
        }
        Money price = context.catalog().productContract(context.catalog().offer(subscription.offerId())
                .productContractId()).price();
        BigDecimal share = price.amount().multiply(BigDecimal.valueOf(unusedDays))
                .divide(BigDecimal.valueOf(periodDays), price.currency().getDefaultFractionDigits(), RoundingMode.HALF_UP);
        return Optional.of(new Cancellation.Refund(unusedDays, periodDays, Money.of(share,
                price.currency().getCurrencyCode())));
    }

    /**
     * Pays the subscription's next charges with {@code paymentMethodId}, one of its customer's
     * payment methods; a charge already made is not changed.
     *
     * @return the subscription as it is after the call
     * @throws NotFoundException if the subscription or the payment method does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the subscription is cancelled
     *                           or the payment method is another customer's; with
     *                           {@link ErrorCode#CONCURRENT_MODIFICATION} if it changed meanwhile
     */
    public Subscription changePaymentMethod(SubscriptionId id, PaymentMethodId paymentMethodId) {
        Require.notNull(id, "subscriptionId");
        Require.notNull(paymentMethodId, "paymentMethodId");
        return unitOfWork.run(events -> {
            Subscription subscription = require(id);
            if (!subscription.isActive()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "subscription '" + id + "' is cancelled");
            }
            PaymentMethod method = store.paymentMethods().find(paymentMethodId)
                    .orElseThrow(() -> new NotFoundException("payment method", paymentMethodId));
            if (!method.customerId().equals(subscription.customerId())) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "payment method '" + paymentMethodId
                        + "' is not one of customer '" + subscription.customerId() + "'");
            }
            Subscription changed = store(subscription.paidWith(paymentMethodId));
            events.accept(new SubscriptionEvent.PaymentMethodChanged(subscription.customerId(), id, paymentMethodId,
                    context.now()));
            return changed;
        });
    }

    /**
     * Charges the unpaid billing period of a time-based subscription now (a manual payment, e.g.
     * after the customer changed the payment method), outside the retry schedule. If it pays, the
     * items are unblocked at once, extended to the period's end and the schedule goes on from the
     * paid period; if not, the retries go on as scheduled. A subscription with nothing unpaid is
     * answered as it is.
     *
     * @param key makes the charge's key: send a retry of the same attempt with the same key, a new
     *            attempt with a new one
     * @return the subscription as it is after the call; paid when its {@code unpaidSince} is empty
     * @throws NotFoundException if the subscription does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if it is not an active
     *                           time-based subscription; with {@link ErrorCode#CONCURRENT_MODIFICATION}
     *                           if it changed meanwhile
     */
    public Subscription retryPayment(SubscriptionId id, IdempotencyKey key) {
        Require.notNull(id, "subscriptionId");
        Require.notNull(key, "idempotencyKey");
        return unitOfWork.run(events -> {
            Subscription subscription = requireRenewing(id);
            if (subscription.unpaidSince().isEmpty()) {
                return subscription;
            }
            if (renewals.settle(subscription, key, events).isEmpty()) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "subscription " + id
                        + " changed concurrently");
            }
            return require(id);
        });
    }

    /** When the subscription's schedule is next due, a pending end aside. */
    private Optional<Instant> nextPeriod(Subscription subscription) {
        return Optional.of(renewals.scheduled(subscription));
    }

    private Subscription store(Subscription changed) {
        if (!store.subscriptions().update(changed)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "subscription " + changed.id()
                    + " changed concurrently");
        }
        return changed;
    }

    private Subscription requireRenewing(SubscriptionId id) {
        Subscription subscription = require(id);
        if (!subscription.isActive() || !subscription.renews()) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "subscription '" + id + "' is "
                    + (subscription.isActive() ? "usage-based; cancel it with cancel()" : "cancelled"));
        }
        return subscription;
    }

    public Optional<Subscription> find(SubscriptionId id) {
        Require.notNull(id, "subscriptionId");
        return store.transactions().inTransaction(() -> store.subscriptions().find(id));
    }

    /** The customer's subscriptions, oldest first. */
    public List<Subscription> findByCustomer(CustomerId customerId) {
        Require.notNull(customerId, "customerId");
        return store.transactions().inTransaction(() -> store.subscriptions().findByCustomer(customerId));
    }

    private Subscription require(SubscriptionId id) {
        return store.subscriptions().find(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }
}
