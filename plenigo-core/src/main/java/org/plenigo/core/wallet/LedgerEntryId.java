package org.plenigo.core.wallet;

import org.plenigo.core.Require;

/** Identifier of one ledger entry of a customer wallet. */
public record LedgerEntryId(String value) {
    public LedgerEntryId {
        Require.id(value, "ledgerEntryId");
    }

    public static LedgerEntryId of(String value) {
        return new LedgerEntryId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
