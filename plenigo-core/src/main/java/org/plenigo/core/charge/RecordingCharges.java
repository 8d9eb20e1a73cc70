package org.plenigo.core.charge;

import org.plenigo.core.idempotency.IdempotencyKey;

/**
 * A {@link Charges} for tests and demos, chosen explicitly: records every charge in the store and
 * reports success, so it gives credits and access away without taking any money. It joins the
 * caller's unit of work, so a charge whose top-up is rolled back is rolled back with it. A repeated
 * key returns the charge recorded first.
 */
public final class RecordingCharges implements Charges {
    private final ChargeRepository charges;

    public RecordingCharges(ChargeRepository charges) {
        this.charges = charges;
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        // a new key is the common case: insert first, and read only when the key was taken
        ChargeId id = new ChargeId("ch-" + IdempotencyKey.uuidOf(request.key().value()));
        if (charges.insert(new Charge(id, request))) {
            return new ChargeOutcome.Succeeded(id);
        }
        return new ChargeOutcome.Succeeded(charges.findByKey(request.key()).map(Charge::id).orElse(id));
    }
}
