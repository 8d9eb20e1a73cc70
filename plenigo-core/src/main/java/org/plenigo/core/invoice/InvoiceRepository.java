package org.plenigo.core.invoice;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;

/**
 * Storage port for {@link Invoice}s. There is no way to change or delete an invoice: issued
 * invoices stay as they are. Numbers are unique; a store refuses a second invoice with a number
 * with a {@code StorageException} (it can only come of a fault, since numbers come from
 * {@link InvoiceNumberRepository}).
 */
public interface InvoiceRepository {
    /**
     * Stores the invoice unless its id exists or, for a cancellation, the invoice it cancels has a
     * cancellation already; returns whether it was stored.
     */
    boolean insert(Invoice invoice);

    Optional<Invoice> find(InvoiceId id);

    /** The customer's invoices, newest first (by time of issue, then number, both descending), paged. */
    List<Invoice> findByCustomer(CustomerId customerId, int offset, int limit);

    /** The invoice (not a cancellation) that bills the charge. */
    Optional<Invoice> findByCharge(ChargeId chargeId);

    /** The cancellation of the invoice, if it has one. */
    Optional<Invoice> findCancellation(InvoiceId cancelled);
}
