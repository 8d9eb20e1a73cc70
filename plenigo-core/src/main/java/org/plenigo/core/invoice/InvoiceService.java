package org.plenigo.core.invoice;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.internal.Fingerprint;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.idempotency.internal.IdempotentOperation;
import org.plenigo.core.idempotency.internal.ResultCodec;
import org.plenigo.core.idempotency.internal.ResultFields;
import org.plenigo.core.internal.Context;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.invoice.internal.Invoicing;

/**
 * The invoices issued for charges: reading them, and cancelling one. Invoices are issued by the
 * charges themselves (subscriptions, top-ups, purchases), never here, and never change once
 * issued. Thread-safe.
 */
public final class InvoiceService {
    /** The most invoices one page holds. */
    public static final int MAX_PAGE_SIZE = 100;
    private static final String CANCEL = "invoice.cancel";

    private final Context context;
    private final Idempotency idempotency;
    private final UnitOfWork unitOfWork;
    private final Invoicing invoicing;
    private final IdempotentOperation<Invoice> cancel;

    public InvoiceService(Context context) {
        this.context = context;
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
        this.invoicing = new Invoicing(context);
        this.cancel = IdempotentOperation.of(CANCEL, ResultCodec.of(
                invoice -> ResultFields.create().with("invoice", invoice.id().value()),
                fields -> require(new InvoiceId(fields.text("invoice")))));
    }

    /**
     * One page of the customer's invoices and cancellations, newest first.
     *
     * @param page     which page, from 0
     * @param pageSize how many invoices a page holds, 1 to {@link #MAX_PAGE_SIZE}
     * @throws NotFoundException if the customer does not exist
     */
    public List<Invoice> list(CustomerId customerId, int page, int pageSize) {
        Require.notNull(customerId, "customerId");
        Require.notNegative(page, "page");
        Require.that(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE,
                "pageSize must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        return context.store().transactions().read(() -> {
            if (context.store().customers().find(customerId).isEmpty()) {
                throw new NotFoundException("customer", customerId);
            }
            return context.store().invoices().findByCustomer(customerId, Math.multiplyExact(page, pageSize),
                    pageSize);
        });
    }

    /**
     * The invoice with this id.
     *
     * @throws NotFoundException if there is none
     */
    public Invoice get(InvoiceId id) {
        Require.notNull(id, "invoiceId");
        return context.store().transactions().read(() -> require(id));
    }

    /** The invoice that bills the charge; empty for a charge that issued none (one that failed). */
    public Optional<Invoice> forCharge(ChargeId chargeId) {
        Require.notNull(chargeId, "chargeId");
        return context.store().transactions().read(() -> context.store().invoices().findByCharge(chargeId));
    }

    /**
     * Cancels an invoice in whole: issues a cancellation invoice with its own number, the
     * original's lines with negated amounts and a reference to the original. Cancelling corrects
     * the books only; it refunds nothing. Idempotent by {@code key}: the same key again returns the
     * same cancellation.
     *
     * @return the cancellation
     * @throws NotFoundException if there is no such invoice
     * @throws ConflictException with {@link ErrorCode#INVALID_STATE} if the invoice is a
     *                           cancellation or was cancelled already; with
     *                           {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if the key was used for
     *                           another request
     */
    public Invoice cancel(InvoiceId id, IdempotencyKey key) {
        Require.notNull(id, "invoiceId");
        Require.notNull(key, "idempotencyKey");
        return unitOfWork.run(events -> idempotency.run(key, cancel, Fingerprint.of(id), replayed -> replayed,
                () -> invoicing.cancel(require(id),
                        new InvoiceId("inv-" + IdempotencyKey.uuidOf(CANCEL + "/" + key)), events)));
    }

    private Invoice require(InvoiceId id) {
        return context.store().invoices().find(id).orElseThrow(() -> new NotFoundException("invoice", id));
    }
}
