package org.plenigo.core.wallet;

import java.util.List;

/** Outcome of consuming credits. */
public sealed interface ConsumptionResult {
    /**
     * The customer wallet's balance this outcome reports: after the consumption and its top-ups
     * ({@link Consumed}), unchanged ({@link Refused}), or as reported the first time ({@link Replayed};
     * it is not read again).
     */
    long balance();

    /**
     * The credits were taken.
     *
     * @param topUps entries of the automatic top-ups this consumption caused (before it, to cover
     *               it, or after it, because it left the balance at zero)
     * @param balance the balance after the consumption and its top-ups
     */
    record Consumed(LedgerEntryId entryId, long credits, long balance, List<LedgerEntryId> topUps)
            implements ConsumptionResult {
        public Consumed {
            topUps = List.copyOf(topUps);
        }
    }

    /** Nothing was taken and nothing changed. */
    record Refused(Refusal reason, long balance, String detail) implements ConsumptionResult {
    }

    /** The key was used before; this is that first result, and nothing changed now. */
    record Replayed(Consumed original) implements ConsumptionResult {
        @Override
        public long balance() {
            return original.balance();
        }
    }
}
