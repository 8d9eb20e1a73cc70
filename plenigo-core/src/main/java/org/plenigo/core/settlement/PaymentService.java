package org.plenigo.core.settlement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.PlenigoException;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.internal.ItemBook;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
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
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceId;
import org.plenigo.core.invoice.internal.Invoicing;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentRepository;
import org.plenigo.core.payment.PaymentStatus;
import org.plenigo.core.payment.RefundRequest;
import org.plenigo.core.payment.RefundResult;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.internal.CreditBook;

/**
 * Customers' payments after the charge: what the provider reports later (a pending payment
 * settled or returned), and refunds. Thread-safe.
 *
 * <p>A return takes back what the payment gave, in one unit of work with the payment's new status:
 * the credits it bought as far as they are unspent (a {@link LedgerEntryType#CHARGEBACK} entry; the
 * balance never goes below zero), the access right items of what it paid for (ended now), and its
 * invoice (a cancellation invoice). A pending payment whose method grants only on settlement gave
 * nothing, and nothing is taken back.
 */
public final class PaymentService {
    private static final IdempotentOperation<ChargeId> REFUND = IdempotentOperation.of("payment.refund",
            ResultCodec.of(id -> ResultFields.create().with("payment", id.value()),
                    fields -> new ChargeId(fields.text("payment"))));

    private final Context context;
    private final Store store;
    private final PaymentRepository payments;
    private final UnitOfWork unitOfWork;
    private final Idempotency idempotency;
    private final Invoicing invoicing;
    private final ItemBook items;
    private final CreditBook credits;

    public PaymentService(Context context) {
        this.context = context;
        this.store = context.store();
        this.payments = store.payments();
        this.unitOfWork = context.unitOfWork();
        this.idempotency = context.idempotency();
        this.invoicing = new Invoicing(context);
        this.items = new ItemBook(context);
        this.credits = new CreditBook(context);
    }

    /** The customer's payments, paid or not, oldest first. */
    public List<Payment> list(CustomerId customerId) {
        Require.notNull(customerId, "customerId");
        return store.transactions().inTransaction(() -> payments.findByCustomer(customerId));
    }

    /** @throws NotFoundException if there is no such payment */
    public Payment get(ChargeId id) {
        Require.notNull(id, "paymentId");
        return store.transactions().inTransaction(() -> payments.find(id))
                .orElseThrow(() -> new NotFoundException("payment", id));
    }

    /**
     * The provider reports that the pending payment with this reference arrived: it becomes
     * {@link PaymentStatus#SETTLED}. Idempotent: a payment that is settled, succeeded or refunded
     * already is returned as it is.
     *
     * @throws NotFoundException if no payment has the reference
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the payment was returned,
     *                           declined or failed
     */
    public Payment settled(String providerReference) {
        Require.notBlank(providerReference, "providerReference");
        return unitOfWork.run(events -> {
            Payment payment = byReference(providerReference);
            switch (payment.status()) {
                case SETTLED, SUCCEEDED, REFUNDED:
                    return payment;
                case PENDING:
                    return changed(payment, payment.with(PaymentStatus.SETTLED, Optional.empty(), payment.refunded(),
                            context.now()));
                default:
                    throw new ConflictException(ErrorCode.INVALID_STATE, "payment " + payment.id() + " is "
                            + payment.status() + " and cannot settle");
            }
        });
    }

    /**
     * The provider reports that the payment with this reference came back (a SEPA return, which a
     * consumer may ask for within 8 weeks of a debit): it becomes {@link PaymentStatus#RETURNED}, and
     * what it gave is taken back in the same unit of work (see the class comment). Idempotent: a
     * payment returned already is returned as it is, and nothing is taken back twice.
     *
     * @param reason the provider's reason, kept with the payment
     * @throws NotFoundException if no payment has the reference
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the payment was declined or
     *                           failed: it took nothing that could come back
     */
    public Payment returned(String providerReference, String reason) {
        Require.notBlank(providerReference, "providerReference");
        String kept = Payment.reason(reason);
        return unitOfWork.run(events -> {
            Payment payment = byReference(providerReference);
            if (payment.status() == PaymentStatus.RETURNED) {
                return payment;
            }
            if (!payment.status().paid()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "payment " + payment.id() + " is "
                        + payment.status() + " and cannot come back");
            }
            Payment returned = changed(payment, payment.with(PaymentStatus.RETURNED, Optional.of(kept),
                    payment.refunded(), context.now()));
            takeBack(returned, events);
            return returned;
        });
    }

    /**
     * Refunds the payment through the provider, wholly ({@code part} empty: what is left of it) or
     * in part, and records the refunded amount; the payment becomes {@link PaymentStatus#REFUNDED}.
     * Idempotent by {@code key}, which is passed to the provider: the same key again refunds nothing
     * more and returns the payment as it is now. What the payment gave stays; cancel its invoice
     * with {@code invoices().cancel} if the refund undoes the sale.
     *
     * @throws NotFoundException   if there is no such payment
     * @throws ValidationException if {@code part} is not positive, in another currency, or more than
     *                             is left to refund
     * @throws ConflictException   with {@link ErrorCode#INVALID_STATE} if the payment took no money
     *                             (declined, failed, returned) or is still pending; with
     *                             {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used for
     *                             another request
     * @throws PlenigoException    with {@link ErrorCode#REFUND_FAILED} if the provider refused the refund
     */
    public Payment refund(ChargeId paymentId, Optional<Money> part, IdempotencyKey key) {
        Require.notNull(paymentId, "paymentId");
        Require.notNull(part, "part");
        Require.notNull(key, "idempotencyKey");
        String fingerprint = Fingerprint.of(paymentId, part.map(Money::toString).orElse("whole"));
        ChargeId refunded = unitOfWork.run(events -> idempotency.run(key, REFUND, fingerprint, id -> id, () -> {
            Payment payment = payments.find(paymentId).orElseThrow(() -> new NotFoundException("payment", paymentId));
            if (payment.status() != PaymentStatus.SUCCEEDED && payment.status() != PaymentStatus.SETTLED
                    && payment.status() != PaymentStatus.REFUNDED) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "payment " + paymentId + " is "
                        + payment.status() + ": only money taken can be refunded");
            }
            Money amount = part.orElse(payment.refundable());
            payment.amount().requireSameCurrency(amount);
            if (!amount.isPositive() || amount.compareTo(payment.refundable()) > 0) {
                throw new ValidationException("refund " + amount + " of payment " + paymentId + " must be positive"
                        + " and at most the " + payment.refundable() + " left to refund");
            }
            RefundResult result = context.paymentProvider().refund(new RefundRequest(key,
                    payment.providerReference().orElseThrow(() -> new ConflictException(ErrorCode.INVALID_STATE,
                            "payment " + paymentId + " has no provider reference to refund")), amount));
            if (result instanceof RefundResult.Failed failed) {
                throw new PlenigoException(ErrorCode.REFUND_FAILED, "the provider refused to refund " + amount
                        + " of payment " + paymentId + ": " + failed.reason());
            }
            changed(payment, payment.with(PaymentStatus.REFUNDED, Optional.empty(),
                    payment.refunded().plus(amount), context.now()));
            return paymentId;
        }));
        return get(refunded);
    }

    private Payment byReference(String providerReference) {
        return payments.findByProviderReference(providerReference)
                .orElseThrow(() -> new NotFoundException("payment with provider reference", providerReference));
    }

    private Payment changed(Payment expected, Payment updated) {
        if (!payments.update(expected, updated)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "payment " + expected.id()
                    + " was changed concurrently");
        }
        return updated;
    }

    /** Takes back what the returned payment gave: its credits as far as unspent, its items, its invoice. */
    private void takeBack(Payment payment, Consumer<DomainEvent> events) {
        Instant now = context.now();
        ChargeReference paysFor = payment.request().paysFor();
        Optional<Invoice> invoice = store.invoices().findByCharge(payment.id());
        if (invoice.isPresent() && store.invoices().findCancellation(invoice.get().id()).isEmpty()) {
            invoicing.cancel(invoice.get(), new InvoiceId("inv-" + IdempotencyKey.uuidOf("returned/" + payment.id())),
                    events);
        }
        if (paysFor.kind() == ChargeReference.Kind.SINGLE_PURCHASE) {
            endItems(payment.customerId(), AccessSource.SINGLE_PURCHASE, paysFor.id(), now, events);
            return;
        }
        Optional<Subscription> subscription = store.subscriptions().find(new SubscriptionId(paysFor.id()));
        if (subscription.isEmpty()) {
            return;
        }
        if (subscription.get().customerWalletId().isEmpty()) {
            endItems(payment.customerId(), AccessSource.TIME_BASED_SUBSCRIPTION, paysFor.id(), now, events);
            return;
        }
        CustomerWallet wallet = store.customerWallets().findForUpdate(subscription.get().customerWalletId().get())
                .orElseThrow(() -> new IllegalStateException("subscription " + paysFor.id() + " feeds no wallet"));
        // the top-up the charge bought: the subscription's TOP_UP entry dated as the charge
        Optional<LedgerEntry> bought = store.ledger().findByCustomerWallet(wallet.id()).stream()
                .filter(e -> e.type() == LedgerEntryType.TOP_UP && e.paidBy().equals(Optional.of(paysFor))
                        && e.at().equals(payment.request().at()))
                .findFirst();
        long unspent = Math.min(bought.map(LedgerEntry::credits).orElse(0L), wallet.balance());
        if (unspent > 0) {
            Wallet definition = context.catalog().wallet(wallet.walletId());
            credits.takeBack(wallet.id(), definition, unspent, now, payment.key().derive("returned"),
                    Optional.of("payment " + payment.id() + " returned"))
                    .orElseThrow(() -> new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "the balance of "
                            + wallet.id() + " changed concurrently"));
        }
    }

    private void endItems(CustomerId customerId, AccessSource source, String origin, Instant now,
                          Consumer<DomainEvent> events) {
        for (AccessRightItem item : store.accessRightItems().findByCustomer(customerId)) {
            if (item.source() == source && item.reference().equals(Optional.of(origin))
                    && (item.endsAt().isEmpty() || item.endsAt().get().isAfter(now))) {
                items.end(item, now, events);
            }
        }
    }
}
