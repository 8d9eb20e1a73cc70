package org.plenigo.core.wallet;

import org.plenigo.core.Require;

/** Identifier of a lot of credits that were added together and expire together. */
public record CreditLotId(String value) {
    public CreditLotId {
        Require.id(value, "creditLotId");
    }

    public static CreditLotId of(String value) {
        return new CreditLotId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
