package org.plenigo.core.wallet;

import org.plenigo.core.Require;

/** Identifier of one customer's balance of one wallet's credits. */
public record CustomerWalletId(String value) {
    public CustomerWalletId {
        Require.id(value, "customerWalletId");
    }

    public static CustomerWalletId of(String value) {
        return new CustomerWalletId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
