package org.plenigo.core.subscription.internal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.internal.Context;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.internal.Invoicing;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentMethodType;
import org.plenigo.core.store.Store;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.WalletEvent;
import org.plenigo.core.wallet.internal.AutomaticTopUps;
import org.plenigo.core.wallet.internal.CreditBook;
import org.plenigo.core.wallet.internal.TopUpAttempt;

/**
 * The top-ups of usage-based subscriptions: each charges the subscription's offer price and adds
 * the offer's credits to the customer wallet the subscription feeds. Used by subscribing, the
 * external top-up and the scheduler, and by a spend of credits through the wallet's
 * {@link AutomaticTopUps} port; always inside the caller's unit of work. Internal: not part of
 * the stable API.
 */
public final class SubscriptionTopUps implements AutomaticTopUps {
    private final Context context;
    private final Store store;
    private final CatalogCache catalog;
    private final CreditBook book;
    private final Invoicing invoicing;

    public SubscriptionTopUps(Context context) {
        this.context = context;
        this.store = context.store();
        this.catalog = context.catalog();
        this.book = new CreditBook(context);
        this.invoicing = new Invoicing(context);
    }

    /** What the subscription's charges are for, and what its top-ups are paid by in the ledger. */
    public static ChargeReference paidBy(SubscriptionId id) {
        return ChargeReference.subscription(id.value());
    }

    /** The customer wallet the subscription feeds. */
    public static CustomerWalletId walletOf(Subscription subscription) {
        return subscription.customerWalletId().orElseThrow(
                () -> new IllegalStateException("subscription " + subscription.id() + " feeds no wallet"));
    }

    /**
     * Charges the subscription's offer price and, if the charge succeeds, adds the offer's credits
     * dated {@code at}. A failed charge adds nothing.
     *
     * @param balance the wallet's balance before this top-up, as the caller read or holds it
     * @throws ValidationException if the credits would take the balance beyond {@link Long#MAX_VALUE};
     *                             nothing is charged then
     */
    public TopUpAttempt topUp(Subscription subscription, long balance, IdempotencyKey chargeKey, IdempotencyKey key,
                              Instant at, Consumer<DomainEvent> events) {
        Customer customer = store.customers().find(subscription.customerId()).orElseThrow(
                () -> new IllegalStateException("subscription " + subscription.id() + " names no customer"));
        return topUp(subscription, customer, laterChargesMethod(store, subscription), balance, chargeKey, key, at, events);
    }

    /**
     * The payment method of the subscription's charges after its first: the one it names, unless
     * that is an iDEAL method (iDEAL needs the customer at the bank's page: the first iDEAL payment
     * yields a SEPA mandate, which becomes the customer's default) or no longer exists; empty: the
     * customer's default.
     */
    public static Optional<PaymentMethodId> laterChargesMethod(Store store, Subscription subscription) {
        return subscription.paymentMethodId().filter(id -> store.paymentMethods().find(id)
                .filter(method -> method.type() != PaymentMethodType.IDEAL).isPresent());
    }

    /**
     * The same top-up for a caller that has read the subscription's customer in this unit of work,
     * so that it is not read again, charged to {@code method} (empty: the customer's default).
     */
    public TopUpAttempt topUp(Subscription subscription, Customer customer, Optional<PaymentMethodId> method,
                              long balance, IdempotencyKey chargeKey, IdempotencyKey key, Instant at,
                              Consumer<DomainEvent> events) {
        CustomerWalletId walletId = walletOf(subscription);
        Offer offer = catalog.offer(subscription.offerId());
        Wallet definition = catalog.wallet(offer.walletId().orElseThrow());
        ProductContract contract = catalog.productContract(offer.productContractId());
        CreditBook.requireRoom(walletId, balance, contract.creditsPerTopUp(), 1, "productContract.creditsPerTopUp");
        ChargeReference paidBy = paidBy(subscription.id());
        LocalDate day = LocalDate.ofInstant(at, context.zone());
        ChargeOutcome outcome = invoicing.charge(new Invoicing.Sale(chargeKey, customer, paidBy,
                InvoicePurpose.TOP_UP, contract, contract.creditsPerTopUp() + " credits: " + offer.title(), at, day,
                day, method), events);
        if (!outcome.paid()) {
            return TopUpAttempt.refused(new WalletEvent.TopUpFailed(subscription.customerId(), definition.id(),
                    paidBy, outcome.refusal().orElse(Refusal.PAYMENT_FAILED), outcome.failureReason().orElseThrow(),
                    at));
        }
        LedgerEntry entry = book.add(walletId, definition, LedgerEntryType.TOP_UP, contract.creditsPerTopUp(), at,
                Optional.of(paidBy), key, Optional.of(offer.id().value()));
        events.accept(new WalletEvent.CreditsToppedUp(subscription.customerId(), definition.id(), paidBy,
                entry.id(), entry.credits(), entry.balanceAfter(), at));
        return TopUpAttempt.done(entry);
    }

    /** The oldest active AUTOMATIC top-up subscription feeding the wallet, if there is one. */
    @Override
    public Optional<Source> find(CustomerWalletId walletId) {
        return store.subscriptions().findByCustomerWallet(walletId).stream()
                .filter(s -> s.isActive() && s.topUpType().orElse(null) == TopUpType.AUTOMATIC)
                .findFirst()
                .map(Automatic::new);
    }

    /** An AUTOMATIC top-up subscription as the wallet sees it. */
    private final class Automatic implements Source {
        private final Subscription subscription;

        Automatic(Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public ChargeReference paidBy() {
            return SubscriptionTopUps.paidBy(subscription.id());
        }

        @Override
        public long creditsPerTopUp() {
            return catalog.productContract(catalog.offer(subscription.offerId()).productContractId()).creditsPerTopUp();
        }

        @Override
        public int usedInWindow(Instant now) {
            Instant since = now.minus(context.automaticTopUpLimit().window());
            int topUps = store.ledger().countTopUps(paidBy(), since);
            // the top-up bought with the subscription itself is not an automatic one
            return subscription.startedAt().isBefore(since) ? topUps : topUps - 1;
        }

        @Override
        public TopUpAttempt topUp(long balance, IdempotencyKey chargeKey, IdempotencyKey key, Instant at,
                                  Consumer<DomainEvent> events) {
            return SubscriptionTopUps.this.topUp(subscription, balance, chargeKey, key, at, events);
        }
    }
}
