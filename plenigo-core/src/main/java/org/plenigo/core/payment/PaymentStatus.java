package org.plenigo.core.payment;

/** Where a payment stands. */
public enum PaymentStatus {
    /** The money was taken. */
    SUCCEEDED,
    /** On its way (SEPA, iDEAL): it settles or comes back later. */
    PENDING,
    /** The provider declined it; nothing was taken. */
    DECLINED,
    /** It failed for a technical reason, or was not attempted (an expired card); nothing was taken. */
    FAILED,
    /** A pending payment arrived. */
    SETTLED,
    /** A pending or settled payment came back (a SEPA return): what it gave was taken back. */
    RETURNED,
    /** Refunded, wholly or in part ({@link Payment#refunded()} says how much). */
    REFUNDED;

    /** Whether the money was taken or is on its way, and what it pays for may be given. */
    public boolean paid() {
        return this == SUCCEEDED || this == PENDING || this == SETTLED || this == REFUNDED;
    }
}
