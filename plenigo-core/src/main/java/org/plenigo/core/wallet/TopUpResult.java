package org.plenigo.core.wallet;

/** Outcome of an explicit (external) top-up. */
public sealed interface TopUpResult {
    /** The offer's credits were charged and added. */
    record ToppedUp(LedgerEntryId entryId, long credits, long balance) implements TopUpResult {
    }

    /** Nothing was added (e.g. the charge failed). */
    record Refused(Refusal reason, String detail) implements TopUpResult {
    }

    /** The key was used before; this is that first result, and nothing changed now. */
    record Replayed(ToppedUp original) implements TopUpResult {
    }
}
