package org.plenigo.core.catalog;

import org.plenigo.core.Require;

/** Identifier of a wallet definition (a kind of credit), chosen by the publisher. */
public record WalletId(String value) {
    public WalletId {
        Require.id(value, "walletId");
    }

    public static WalletId of(String value) {
        return new WalletId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
