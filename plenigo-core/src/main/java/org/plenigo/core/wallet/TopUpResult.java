package org.plenigo.core.wallet;

import java.util.Optional;

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

    /**
     * The top-up with its credits and the balance after it: made now, or the first time under this
     * key ({@link Replayed}); empty if it was refused.
     */
    default Optional<ToppedUp> toppedUp() {
        if (this instanceof ToppedUp t) {
            return Optional.of(t);
        }
        return this instanceof Replayed r ? Optional.of(r.original()) : Optional.empty();
    }
}
