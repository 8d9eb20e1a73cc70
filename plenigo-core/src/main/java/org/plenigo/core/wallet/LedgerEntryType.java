package org.plenigo.core.wallet;

/** Kinds of ledger entries; the sign of an entry's credits follows from its kind. */
public enum LedgerEntryType {
    /** Credits bought and charged (positive). */
    TOP_UP,
    /** Credits spent (negative). */
    CONSUMPTION,
    /** Credits given by an operator without a charge (positive). */
    GRANT,
    /** Credits whose validity ended (negative). */
    EXPIRY,
    /** Credits of a consumption given back (positive). */
    REVERSAL,
    /** Credits a returned payment had bought, taken back as far as they were unspent (negative). */
    CHARGEBACK;

    /** Whether entries of this kind add credits. */
    public boolean adds() {
        return this == TOP_UP || this == GRANT || this == REVERSAL;
    }
}
