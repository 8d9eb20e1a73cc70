package org.plenigo.core.charge;

import org.plenigo.core.Require;

/** Identifier of a recorded charge. */
public record ChargeId(String value) {
    public ChargeId {
        Require.id(value, "chargeId");
    }

    public static ChargeId of(String value) {
        return new ChargeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
