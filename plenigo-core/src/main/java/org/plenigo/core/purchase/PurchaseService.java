package org.plenigo.core.purchase;

import org.plenigo.core.Context;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;

/** Single purchases of access rights. Thread-safe. */
public final class PurchaseService {
    private final Context context;

    public PurchaseService(Context context) {
        this.context = context;
    }

    public PurchaseResult buy(CustomerId customerId, OfferId offerId, IdempotencyKey key) {
        throw new UnsupportedOperationException();
    }
}
