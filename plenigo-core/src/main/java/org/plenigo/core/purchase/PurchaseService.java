package org.plenigo.core.purchase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.internal.ItemBook;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.ChargeReference;
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
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.WalletEvent;
import org.plenigo.core.wallet.internal.CreditBook;

/** Single purchases of access rights and of credit packs. Thread-safe. */
public final class PurchaseService {
    private static final String BUY = "purchase.buy";

    private final Context context;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;
    private final ItemBook items;
    private final Invoicing invoicing;
    private final CreditBook book;
    /** A replay shows the purchase's items as they are now, so they are read again. */
    private final IdempotentOperation<PurchaseResult.Purchased> buy;

    public PurchaseService(Context context) {
        this.context = context;
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
        this.items = new ItemBook(context);
        this.invoicing = new Invoicing(context);
        this.book = new CreditBook(context);
        this.buy = IdempotentOperation.of(BUY, ResultCodec.of(
                purchased -> ResultFields.create().with("purchase", purchased.id().value())
                        .with("charge", purchased.charge().value())
                        .with("items", purchased.items().stream().map(i -> i.id().value()).toList())
                        .with("credits", purchased.credits().map(LedgerEntryId::value).stream().toList()),
                fields -> new PurchaseResult.Purchased(new PurchaseId(fields.text("purchase")),
                        new ChargeId(fields.text("charge")),
                        items.require(fields.list("items").stream().map(AccessRightItemId::new).toList()),
                        // records written before credit packs were sold have no credits field
                        fields.has("credits") ? fields.list("credits").stream().map(LedgerEntryId::new).findFirst()
                                : Optional.empty())));
    }

    /**
     * Buys a SINGLE_PURCHASE offer: charges the product contract's price once, invoices it, grants
     * one item per access right of the offer, from now for ever or for the offer's access duration
     * (counted in the calendar of the publisher's time zone), and for a credit pack (an offer with
     * a wallet, on a CREDIT_BASED contract) adds the contract's credits to the customer's wallet
     * (opened if the customer has none) with a TOP_UP ledger entry whose reference is the
     * purchase's id, all in one unit of work. If the charge fails nothing is granted or added.
     * Idempotent by {@code key}: the same key again returns the first purchase and charges nothing.
     *
     * @throws NotFoundException   if the customer or the offer does not exist
     * @throws ConflictException   with {@link ErrorCode#INVALID_STATE} if the offer is not a single
     *                             purchase; with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key
     *                             was used for another request
     * @throws ValidationException if the credits would take the wallet's balance beyond
     *                             {@link Long#MAX_VALUE}; nothing is charged then
     */
    public PurchaseResult buy(CustomerId customerId, OfferId offerId, IdempotencyKey key) {
        return buy(customerId, offerId, Optional.empty(), key);
    }

    /**
     * Buys as {@link #buy(CustomerId, OfferId, IdempotencyKey)} does, paid with {@code paymentMethod}.
     *
     * @param paymentMethod one of the customer's payment methods; empty: the customer's default
     * @throws NotFoundException if the customer, the offer or the customer's payment method does not exist
     */
    public PurchaseResult buy(CustomerId customerId, OfferId offerId, Optional<PaymentMethodId> paymentMethod,
                              IdempotencyKey key) {
        Require.notNull(customerId, "customerId");
        Require.notNull(offerId, "offerId");
        Require.notNull(paymentMethod, "paymentMethod");
        Require.notNull(key, "idempotencyKey");
        // without a method the fingerprint is the one keys were recorded with before methods could be chosen
        String fingerprint = paymentMethod.isEmpty() ? Fingerprint.of(customerId, offerId)
                : Fingerprint.of(customerId, offerId, paymentMethod.get());
        return unitOfWork.run(events -> idempotency.run(key, buy, fingerprint, PurchaseResult.Replayed::new, () -> {
            Customer customer = context.store().customers().find(customerId)
                    .orElseThrow(() -> new NotFoundException("customer", customerId));
            Offer offer = context.catalog().offer(offerId);
            if (offer.type() != OfferType.SINGLE_PURCHASE) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "offer '" + offerId + "' is a " + offer.type()
                        + ", not a SINGLE_PURCHASE; it is subscribed to, not bought");
            }
            ProductContract contract = context.catalog().productContract(offer.productContractId());
            Instant now = context.now();
            PurchaseId purchase = new PurchaseId("pur-" + IdempotencyKey.uuidOf(BUY + "/" + key));
            Optional<CustomerWallet> wallet = offer.walletId().map(w -> book.openWallet(customerId, w));
            if (wallet.isPresent()) {
                // refused before the charge: nothing is taken for credits that could not be added
                CreditBook.requireRoom(wallet.get().id(), wallet.get().balance(), contract.creditsPerTopUp(), 1,
                        "productContract.creditsPerTopUp");
            }
            LocalDate today = LocalDate.ofInstant(now, context.zone());
            String description = wallet.isPresent() ? contract.creditsPerTopUp() + " credits: " + offer.title()
                    : "Single purchase: " + offer.title();
            ChargeReference paysFor = ChargeReference.singlePurchase(purchase.value());
            ChargeOutcome outcome = invoicing.charge(new Invoicing.Sale(key.derive("charge"), customer, paysFor,
                    InvoicePurpose.PURCHASE, contract, description, now, today, today, paymentMethod), events);
            if (!outcome.paid()) {
                throw UnitOfWork.abort(new PurchaseResult.Refused(outcome.refusal().orElse(Refusal.PAYMENT_FAILED),
                        outcome.failureReason().orElseThrow()), List.of());
            }
            ChargeId charge = outcome.paidBy().orElseThrow();
            Optional<Instant> endsAt = offer.accessDuration().map(d -> d.after(now, context.zone()));
            List<AccessRightItem> granted = offer.accessRights().isEmpty() ? List.of()
                    : items.grantRights(customerId, offer.accessRights(), AccessSource.SINGLE_PURCHASE, now, endsAt,
                    purchase.value(), events);
            Optional<LedgerEntryId> credits = wallet.map(w -> addCredits(w, offer, contract, paysFor, now, key, events));
            return new PurchaseResult.Purchased(purchase, charge, granted, credits);
        }));
    }

    /** Adds a paid credit pack's credits, referencing the purchase, and tells who listens. */
    private LedgerEntryId addCredits(CustomerWallet wallet, Offer offer, ProductContract contract,
                                     ChargeReference paidFor, Instant now, IdempotencyKey key,
                                     Consumer<DomainEvent> events) {
        Wallet definition = context.catalog().wallet(offer.walletId().orElseThrow());
        // a ledger entry's paidBy names subscriptions only; a pack's entry names its purchase as reference
        LedgerEntry entry = book.add(wallet.id(), definition, LedgerEntryType.TOP_UP, contract.creditsPerTopUp(), now,
                Optional.empty(), key, Optional.of(paidFor.id()));
        events.accept(new WalletEvent.CreditsToppedUp(wallet.customerId(), definition.id(), paidFor, entry.id(),
                entry.credits(), entry.balanceAfter(), now));
        return entry.id();
    }
}
