package org.plenigo.core.checkout;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.consent.Consent;
import org.plenigo.core.consent.ConsentId;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.consent.internal.ConsentBook;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.internal.Fingerprint;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.idempotency.internal.IdempotentOperation;
import org.plenigo.core.idempotency.internal.ResultCodec;
import org.plenigo.core.idempotency.internal.ResultFields;
import org.plenigo.core.internal.Context;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.invoice.TaxSummary;
import org.plenigo.core.invoice.internal.InvoiceAmounts;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.purchase.PurchaseId;
import org.plenigo.core.purchase.PurchaseResult;
import org.plenigo.core.purchase.PurchaseService;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.subscription.SubscriptionService;
import org.plenigo.core.subscription.internal.HeldOffers;
import org.plenigo.core.tax.TaxDecision;
import org.plenigo.core.tax.internal.TaxDecisions;

/**
 * The checkout: {@link #prepare} prices an order for one customer, {@link #complete} pays for it
 * and stores everything it sells together. Thread-safe.
 *
 * <p>Completing reuses the subscription and purchase services: each runs as a unit of work nested
 * in the checkout's own, so that a failed charge rolls back everything the checkout wrote and
 * nothing half-done is left, and a successful one commits the subscription or purchase, its items,
 * credits and invoice together with the consent answers and the order's completed state.
 */
public final class CheckoutService {
    /** How long a prepared order may be completed unless the builder says otherwise. */
    public static final Duration DEFAULT_ORDER_VALIDITY = Duration.ofMinutes(30);
    private static final String COMPLETE = "checkout.complete";

    private final Context context;
    private final Store store;
    private final Duration orderValidity;
    private final SubscriptionService subscriptions;
    private final PurchaseService purchases;
    private final UnitOfWork unitOfWork;
    private final Idempotency idempotency;
    private final TaxDecisions taxes;
    /** A replay shows the order as it is now, so it and its consent answers are read again. */
    private final IdempotentOperation<CheckoutResult.Completed> complete;

    public CheckoutService(Context context, Duration orderValidity, SubscriptionService subscriptions,
                           PurchaseService purchases) {
        this.context = context;
        this.store = context.store();
        this.orderValidity = requireValidity(orderValidity);
        this.subscriptions = subscriptions;
        this.purchases = purchases;
        this.unitOfWork = context.unitOfWork();
        this.idempotency = context.idempotency();
        this.taxes = new TaxDecisions(store.taxRules(), context.sellerCountry());
        this.complete = IdempotentOperation.of(COMPLETE, ResultCodec.of(
                done -> ResultFields.create().with("order", done.order().id().value())
                        .with("subscriptions", done.subscriptions().stream().map(SubscriptionId::value).toList())
                        .with("purchases", done.purchases().stream().map(PurchaseId::value).toList())
                        .with("consents", done.consents().stream().map(c -> c.id().value()).toList()),
                fields -> new CheckoutResult.Completed(require(new OrderId(fields.text("order"))),
                        fields.list("subscriptions").stream().map(SubscriptionId::new).toList(),
                        fields.list("purchases").stream().map(PurchaseId::new).toList(),
                        fields.list("consents").stream().map(id -> store.consents().find(new ConsentId(id))
                                .orElseThrow(() -> new NotFoundException("consent", id))).toList())));
    }

    /** Checks an order validity as the builder takes it: positive, at most a day. */
    public static Duration requireValidity(Duration validity) {
        Require.notNull(validity, "orderValidity");
        Require.that(!validity.isNegative() && !validity.isZero() && validity.compareTo(Duration.ofDays(1)) <= 0,
                "orderValidity must be positive and at most a day, was " + validity);
        return validity;
    }

    /**
     * Prepares an order: the price breakdown of {@code quantity} of the offer for this customer
     * (net, rate, tax and gross from the tax rules for the customer's country, VAT id and the day
     * of supply), valid from now for the configured order validity, stored OPEN. Nothing is
     * charged.
     *
     * @param paymentMethod the customer's payment method to pay with; empty: the default
     * @param questions     the consent questions shown with the order, at most one per purpose
     * @throws NotFoundException   if the customer, the offer or the payment method does not exist
     *                             (a payment method of another customer counts as not existing)
     * @throws ValidationException if the quantity is not 1 to {@link Order#MAX_QUANTITY}, or above
     *                             1 for a time-based offer that does not allow several
     * @throws ConflictException   with {@link ErrorCode#ALREADY_SUBSCRIBED} if the customer holds
     *                             the time-based offer and it does not allow several; with
     *                             {@link ErrorCode#TAX_RULE_MISSING} if no rule gives the rate
     */
    public Order prepare(CustomerId customerId, OfferId offerId, int quantity, Optional<PaymentMethodId> paymentMethod,
                         List<ConsentQuestion> questions) {
        Require.notNull(customerId, "customerId");
        Require.notNull(offerId, "offerId");
        Require.notNull(paymentMethod, "paymentMethod");
        Require.notNull(questions, "questions");
        Require.that(quantity >= 1 && quantity <= Order.MAX_QUANTITY, "quantity must be 1 to " + Order.MAX_QUANTITY
                + ", was " + quantity);
        return unitOfWork.run(events -> {
            Customer customer = store.customers().find(customerId)
                    .orElseThrow(() -> new NotFoundException("customer", customerId));
            Offer offer = context.catalog().offer(offerId);
            if (quantity > 1 && offer.type() == OfferType.TIME_BASED_SUBSCRIPTION && !offer.allowsSeveral()) {
                throw new ValidationException("quantity " + quantity + " of offer '" + offerId
                        + "', which a customer holds at most once");
            }
            HeldOffers.requireNotHeld(store, customerId, offer);
            paymentMethod.ifPresent(id -> store.paymentMethods().find(id)
                    .filter(method -> method.customerId().equals(customerId))
                    .orElseThrow(() -> new NotFoundException("payment method", id)));
            Instant now = context.now();
            ProductContract contract = context.catalog().productContract(offer.productContractId());
            Supply supply = supply(offer, contract, now);
            TaxDecision tax = taxes.decide(customer, contract.taxType(), supply.until());
            TaxSummary one = InvoiceAmounts.breakdown(contract.priceBasis(), tax.rate(), contract.price());
            OrderLine line = new OrderLine(supply.description(), contract.taxType(), quantity, tax.rate(),
                    one.net().times(quantity), one.tax().times(quantity), one.gross().times(quantity));
            Order order = new Order(new OrderId("ord-" + UUID.randomUUID()), customerId, offerId, quantity,
                    paymentMethod, List.of(line), line.net(), line.tax(), line.gross(), tax.treatment(), questions,
                    now, now.plus(orderValidity), OrderStatus.OPEN, Optional.empty());
            if (!store.orders().insert(order)) {
                throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "order " + order.id()
                        + " was created concurrently");
            }
            return order;
        });
    }

    /**
     * Completes an order: charges it and, in one unit of work, stores the subscriptions or
     * purchases (with their access right items, wallet credits and invoices, as
     * {@link SubscriptionService#subscribe} and {@link PurchaseService#buy} do), the customer's
     * answers to the order's consent questions and the order's COMPLETED state. A failed charge
     * stores none of it and is answered {@link CheckoutResult.PaymentFailed}; the order stays OPEN,
     * and a retry needs a new key. Idempotent by {@code key}: the same key again returns the first
     * result and charges nothing, also after the order's validity ended.
     *
     * @param answers whether the customer consented, by the purpose of each of the order's
     *                questions; every question needs an answer
     * @throws NotFoundException   if the order does not exist
     * @throws ValidationException if an answer is missing or answers a question the order did not ask
     * @throws ConflictException   with {@link ErrorCode#ORDER_EXPIRED} if the order's validity has
     *                             ended; {@link ErrorCode#INVALID_STATE} if it was completed under
     *                             another key; {@link ErrorCode#ALREADY_SUBSCRIBED} if the customer
     *                             meanwhile holds the time-based offer; {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}
     *                             if the key was used for another request
     */
    public CheckoutResult complete(OrderId orderId, Map<String, Boolean> answers, IdempotencyKey key) {
        Require.notNull(orderId, "orderId");
        Require.notNull(answers, "answers");
        Require.notNull(key, "idempotencyKey");
        Map<String, Boolean> sorted = new TreeMap<>(answers);
        String fingerprint = Fingerprint.of(orderId, sorted);
        return unitOfWork.run(events -> idempotency.run(key, complete, fingerprint, CheckoutResult.Replayed::new,
                () -> {
                    Order order = require(orderId);
                    Instant now = context.now();
                    if (order.status() == OrderStatus.COMPLETED) {
                        throw new ConflictException(ErrorCode.INVALID_STATE, "order " + orderId
                                + " was completed already, under another key");
                    }
                    if (order.isExpiredAt(now)) {
                        throw new ConflictException(ErrorCode.ORDER_EXPIRED, "order " + orderId + " was valid until "
                                + order.validUntil() + "; prepare a new one");
                    }
                    requireAnswers(order, sorted);
                    Offer offer = context.catalog().offer(order.offerId());
                    List<SubscriptionId> subscribed = new ArrayList<>();
                    List<PurchaseId> bought = new ArrayList<>();
                    for (int i = 0; i < order.quantity(); i++) {
                        IdempotencyKey itemKey = key.derive("item-" + i);
                        if (offer.type() == OfferType.SINGLE_PURCHASE) {
                            bought.add(buy(order, itemKey));
                        } else {
                            subscribed.add(subscribe(order, itemKey));
                        }
                    }
                    List<Consent> consents = new ArrayList<>();
                    for (ConsentQuestion question : order.consentQuestions()) {
                        consents.add(ConsentBook.append(store, new Consent(
                                ConsentBook.idOf(key.derive("consent-" + question.purpose())), order.customerId(),
                                question, now, sorted.get(question.purpose()), Optional.of(orderId.value()))));
                    }
                    if (!store.orders().complete(orderId, now)) {
                        throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "order " + orderId
                                + " was completed concurrently");
                    }
                    return new CheckoutResult.Completed(order.completed(now), subscribed, bought, consents);
                }));
    }

    /** The order, as it is now. */
    public Optional<Order> find(OrderId id) {
        Require.notNull(id, "orderId");
        return store.transactions().inTransaction(() -> store.orders().find(id));
    }

    private PurchaseId buy(Order order, IdempotencyKey key) {
        PurchaseResult result = purchases.buy(order.customerId(), order.offerId(), order.paymentMethod(), key);
        if (result instanceof PurchaseResult.Refused refused) {
            throw UnitOfWork.abort(new CheckoutResult.PaymentFailed(order.id(), refused.detail()), List.of());
        }
        return result instanceof PurchaseResult.Replayed replayed ? replayed.original().id()
                : ((PurchaseResult.Purchased) result).id();
    }

    private SubscriptionId subscribe(Order order, IdempotencyKey key) {
        SubscriptionResult result = subscriptions.subscribe(order.customerId(), order.offerId(), order.paymentMethod(),
                key);
        if (result instanceof SubscriptionResult.Refused refused) {
            throw UnitOfWork.abort(new CheckoutResult.PaymentFailed(order.id(), refused.detail()), List.of());
        }
        return result.created().orElseThrow().subscription().id();
    }

    private static void requireAnswers(Order order, Map<String, Boolean> answers) {
        for (ConsentQuestion question : order.consentQuestions()) {
            if (answers.get(question.purpose()) == null) {
                throw new ValidationException("answers lack '" + question.purpose() + "', which order "
                        + order.id() + " asks");
            }
        }
        for (String purpose : answers.keySet()) {
            if (order.consentQuestions().stream().noneMatch(q -> q.purpose().equals(purpose))) {
                throw new ValidationException("answers hold '" + purpose + "', which order " + order.id()
                        + " does not ask");
            }
        }
    }

    /** What an order line sells, and the days on which it is supplied (whose last day fixes the rate). */
    private record Supply(String description, LocalDate until) {
    }

    /** The description and last day of supply the subscription or purchase will invoice. */
    private Supply supply(Offer offer, ProductContract contract, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, context.zone());
        return switch (offer.type()) {
            case TIME_BASED_SUBSCRIPTION -> new Supply("First period: " + offer.title(), LocalDate.ofInstant(
                    contract.billingInterval().orElseThrow().after(now, context.zone()), context.zone()).minusDays(1));
            case USAGE_BASED_SUBSCRIPTION -> new Supply(contract.creditsPerTopUp() + " credits: " + offer.title(), today);
            case SINGLE_PURCHASE -> new Supply(offer.walletId().isPresent()
                    ? contract.creditsPerTopUp() + " credits: " + offer.title() : "Single purchase: " + offer.title(),
                    today);
        };
    }

    private Order require(OrderId id) {
        return store.orders().find(id).orElseThrow(() -> new NotFoundException("order", id));
    }
}
