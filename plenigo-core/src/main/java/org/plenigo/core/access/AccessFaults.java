package org.plenigo.core.access;

import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.store.Store;

/** The faults the access services share. */
final class AccessFaults {
    private AccessFaults() {
    }

    /** @throws NotFoundException if the customer does not exist */
    static void requireCustomer(Store store, CustomerId id) {
        if (store.customers().find(id).isEmpty()) {
            throw new NotFoundException("customer", id);
        }
    }

    /** A conditional write found its row changed by another unit of work: the unit of work is run again. */
    static ConflictException lostRace(String what) {
        return new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, what + " was changed concurrently");
    }
}
