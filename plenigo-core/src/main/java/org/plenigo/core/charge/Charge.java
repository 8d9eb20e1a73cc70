package org.plenigo.core.charge;

import org.plenigo.core.Require;

/** A charge as recorded by {@link RecordingCharges}: the request and the id it was given. */
public record Charge(ChargeId id, ChargeRequest request) {
    public Charge {
        Require.notNull(id, "charge.id");
        Require.notNull(request, "charge.request");
    }
}
