package org.plenigo.core.purchase;

import org.plenigo.core.Require;

/** Identifier of a single purchase. */
public record PurchaseId(String value) {
    public PurchaseId {
        Require.id(value, "purchaseId");
    }

    @Override
    public String toString() {
        return value;
    }
}
