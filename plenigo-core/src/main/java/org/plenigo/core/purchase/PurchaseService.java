package org.plenigo.core.purchase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeOutcome;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.Refusal;
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
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.invoice.internal.Invoicing;

/** Single purchases of access rights. Thread-safe. */
public final class PurchaseService {
    private static final String BUY = "purchase.buy";

    private final Context context;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;
    private final ItemBook items;
    private final Invoicing invoicing;
    /** A replay shows the purchase's items as they are now, so they are read again. */
    private final IdempotentOperation<PurchaseResult.Purchased> buy;

    public PurchaseService(Context context) {
        this.context = context;
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
        this.items = new ItemBook(context);
        this.invoicing = new Invoicing(context);
        this.buy = IdempotentOperation.of(BUY, ResultCodec.of(
                purchased -> ResultFields.create().with("purchase", purchased.id().value())
                        .with("charge", purchased.charge().value())
                        .with("items", purchased.items().stream().map(i -> i.id().value()).toList()),
                fields -> new PurchaseResult.Purchased(new PurchaseId(fields.text("purchase")),
                        new ChargeId(fields.text("charge")),
                        items.require(fields.list("items").stream().map(AccessRightItemId::new).toList()))));
    }

    /**
     * Buys a SINGLE_PURCHASE offer of access rights: charges the product contract's price once and
     * grants one item per right of the offer, from now for ever or for the offer's access duration
     * (counted in the calendar of the publisher's time zone), in one unit of work. If the charge
     * fails nothing is granted. Idempotent by {@code key}: the same key again returns the first
     * purchase and charges nothing.
     *
     * @throws NotFoundException if the customer or the offer does not exist
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the offer is not a single
     *                           purchase of access rights; with {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}
     *                           if the key was used for another request
     */
    public PurchaseResult buy(CustomerId customerId, OfferId offerId, IdempotencyKey key) {
        Require.notNull(customerId, "customerId");
        Require.notNull(offerId, "offerId");
        Require.notNull(key, "idempotencyKey");
        String fingerprint = Fingerprint.of(customerId, offerId);
        return unitOfWork.run(events -> idempotency.run(key, buy, fingerprint, PurchaseResult.Replayed::new, () -> {
            Customer customer = context.store().customers().find(customerId)
                    .orElseThrow(() -> new NotFoundException("customer", customerId));
            Offer offer = context.catalog().offer(offerId);
            if (offer.type() != OfferType.SINGLE_PURCHASE || offer.accessRights().isEmpty()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "offer '" + offerId + "' is not a single purchase"
                        + " of access rights; credit packs are sold through usage-based subscriptions in this version");
            }
            ProductContract contract = context.catalog().productContract(offer.productContractId());
            Instant now = context.now();
            PurchaseId purchase = new PurchaseId("pur-" + IdempotencyKey.uuidOf(BUY + "/" + key));
            LocalDate today = LocalDate.ofInstant(now, context.zone());
            ChargeOutcome outcome = invoicing.charge(new Invoicing.Sale(key.derive("charge"), customer,
                    ChargeReference.singlePurchase(purchase.value()), InvoicePurpose.PURCHASE, contract,
                    "Single purchase: " + offer.title(), now, today, today), events);
            if (!outcome.paid()) {
                throw UnitOfWork.abort(new PurchaseResult.Refused(outcome.refusal().orElse(Refusal.PAYMENT_FAILED),
                        outcome.failureReason().orElseThrow()), List.of());
            }
            ChargeId charge = outcome.paidBy().orElseThrow();
            Optional<Instant> endsAt = offer.accessDuration().map(d -> d.after(now, context.zone()));
            List<AccessRightItem> granted = items.grantRights(customerId, offer.accessRights(),
                    AccessSource.SINGLE_PURCHASE, now, endsAt, purchase.value(), events);
            return new PurchaseResult.Purchased(purchase, charge, granted);
        }));
    }
}
