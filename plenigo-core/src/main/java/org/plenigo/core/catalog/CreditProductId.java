package org.plenigo.core.catalog;

import org.plenigo.core.Require;

/** Identifier of a {@link CreditProduct}. */
public record CreditProductId(String value) {
    public CreditProductId {
        Require.id(value, "creditProductId");
    }

    public static CreditProductId of(String value) {
        return new CreditProductId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
