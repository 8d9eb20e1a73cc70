package org.plenigo.core.subscription;
import java.time.Instant;
import java.time.LocalDate;
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
import org.plenigo.core.catalog.AccessRightId;
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
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.internal.SubscriptionTopUps;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.TopUpResult;
import org.plenigo.core.wallet.WalletEvent;
import org.plenigo.core.wallet.internal.CreditBook;
import org.plenigo.core.wallet.internal.TopUpAttempt;

/** Subscribing to offers, external top-ups and cancelling subscriptions. Thread-safe. */
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
        this.subscribe = IdempotentOperation.of(SUBSCRIBE, ResultCodec.of(SubscriptionService::encode, this::decode));
    }

    /**
     * Subscribes the customer to an offer, in one unit of work; if the first charge fails nothing
     * is created. Idempotent by {@code key}.
     * <ul>
     *   <li>A usage-based offer: creates the subscription, opens the customer's wallet (or reuses it
     *   when another subscription already feeds the same wallet) and books the first top-up,
     *   charged ({@link SubscriptionResult.Subscribed}). A TIME_BASED top-up subscription then tops
     *   up at each interval boundary counted from now.</li>
     *   <li>A time-based offer: creates the subscription, charges its first billing period and
     *   grants one item per access right of the offer, from now for as long as the subscription is
     *   active ({@link SubscriptionResult.Activated}).</li>
     * </ul>
     *
     * @throws NotFoundException if the customer or the offer does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the offer is a single
     *                           purchase; with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key
     *                           was used for another request
     */
    public SubscriptionResult subscribe(CustomerId customerId, OfferId offerId, IdempotencyKey key) {
        Require.notNull(customerId, "customerId");
        Require.notNull(offerId, "offerId");
        Require.notNull(key, "idempotencyKey");
        String fingerprint = Fingerprint.of(customerId, offerId);
        return unitOfWork.run(events -> idempotency.run(key, subscribe, fingerprint, SubscriptionResult.Replayed::new,
                () -> create(customerId, offerId, key, events)));
    }

    private SubscriptionResult.Created create(CustomerId customerId, OfferId offerId, IdempotencyKey key,
                                              Consumer<DomainEvent> events) {
        Customer customer = store.customers().find(customerId)
                .orElseThrow(() -> new NotFoundException("customer", customerId));
        Offer offer = context.catalog().offer(offerId);
        if (offer.type() == OfferType.SINGLE_PURCHASE) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "offer '" + offerId
                    + "' is a SINGLE_PURCHASE; it is bought, not subscribed to");
        }
        if (offer.type() == OfferType.TIME_BASED_SUBSCRIPTION) {
            return activate(customer, offer, key, events);
        }
        CustomerWallet customerWallet = book.openWallet(customerId, offer.walletId().orElseThrow());
        Instant now = context.now();
        TopUpPlan plan = offer.topUp().orElseThrow();
        boolean timeBased = plan.type() == TopUpType.TIME_BASED;
        Subscription subscription = new Subscription(
                new SubscriptionId("sub-" + IdempotencyKey.uuidOf(SUBSCRIBE + "/" + key)), customerId, offerId,
                SubscriptionStatus.ACTIVE, now, Optional.empty(), Optional.of(customerWallet.id()),
                Optional.of(plan.type()), timeBased ? 1 : 0,
                timeBased ? Optional.of(plan.interval().orElseThrow().after(now, context.zone())) : Optional.empty());
        if (!store.subscriptions().insert(subscription)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                    "subscription " + subscription.id() + " was created concurrently");
        }
        TopUpAttempt attempt = topUps.topUp(subscription, customer, customerWallet.balance(),
                key.derive("top-up-0"), key, now, events);
        if (attempt.failure().isPresent()) {
            // no event: the subscription it would name is rolled back; the refusal is the answer
            throw UnitOfWork.abort(new SubscriptionResult.Refused(attempt.failure().get().reason(),
                    attempt.failure().get().detail()), List.of());
        }
        LedgerEntry entry = attempt.entry().orElseThrow();
        return new SubscriptionResult.Subscribed(subscription, entry.id(), entry.balanceAfter());
    }

    private SubscriptionResult.Activated activate(Customer customer, Offer offer, IdempotencyKey key,
                                                  Consumer<DomainEvent> events) {
        CustomerId customerId = customer.id();
        Instant now = context.now();
        ProductContract contract = context.catalog().productContract(offer.productContractId());
        Subscription subscription = new Subscription(
                new SubscriptionId("sub-" + IdempotencyKey.uuidOf(SUBSCRIBE + "/" + key)), customerId, offer.id(),
                SubscriptionStatus.ACTIVE, now, Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty());
        if (!store.subscriptions().insert(subscription)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION,
                    "subscription " + subscription.id() + " was created concurrently");
        }
        // a period is supplied on its days, the last one the day before the next period starts
        LocalDate firstDay = LocalDate.ofInstant(now, context.zone());
        LocalDate lastDay = LocalDate.ofInstant(contract.billingInterval().orElseThrow().after(now, context.zone()),
                context.zone()).minusDays(1);
        ChargeOutcome outcome = invoicing.charge(new Invoicing.Sale(key.derive("period-0"), customer,
                SubscriptionTopUps.paidBy(subscription.id()), InvoicePurpose.SUBSCRIPTION_PERIOD, contract,
                "First period: " + offer.title(), now, firstDay, lastDay), events);
        if (!outcome.paid()) {
            throw UnitOfWork.abort(new SubscriptionResult.Refused(outcome.refusal().orElse(Refusal.PAYMENT_FAILED),
                    outcome.failureReason().orElseThrow()), List.of());
        }
        ChargeId charge = outcome.paidBy().orElseThrow();
        List<AccessRightItem> granted = items.grantRights(customerId, offer.accessRights(),
                AccessSource.TIME_BASED_SUBSCRIPTION, now, Optional.empty(), subscription.id().value(), events);
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
     * Cancels the subscription now: no further top-ups; credits already bought stay usable. The
     * access right items of a time-based subscription end with the billing period that is paid
     * (the period running now, counted from the start in the publisher's calendar).
     * Cancelling a cancelled subscription changes nothing.
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
                Instant paidUntil = paidUntil(subscription, offer, now);
                for (AccessRightId right : offer.accessRights()) {
                    items.end(items.require(ItemBook.itemId(id.value(), right)), paidUntil, events);
                }
            }
            return require(id);
        });
    }

    /** The end of the billing period running at {@code now}: the first boundary at or after it. */
    private Instant paidUntil(Subscription subscription, Offer offer, Instant now) {
        Interval billing = context.catalog().productContract(offer.productContractId()).billingInterval().orElseThrow();
        long n = 1;
        Instant end = billing.boundary(subscription.startedAt(), context.zone(), n);
        while (end.isBefore(now)) {
            end = billing.boundary(subscription.startedAt(), context.zone(), ++n);
        }
        return end;
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
