package org.plenigo.core.catalog;

import org.plenigo.core.Require;

/** Identifier of a product contract, chosen by the publisher. */
public record ProductContractId(String value) {
    public ProductContractId {
        Require.id(value, "productContractId");
    }

    public static ProductContractId of(String value) {
        return new ProductContractId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
