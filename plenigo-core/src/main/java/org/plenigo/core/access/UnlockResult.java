package org.plenigo.core.access;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.wallet.LedgerEntryId;

/** Outcome of unlocking a credit product. */
public sealed interface UnlockResult {
    /**
     * The credits were spent and the contents granted.
     *
     * @param items       the items granted, one per content
     * @param consumption the ledger entry of the credits spent
     * @param balance     the wallet's balance afterwards (after a refill, if one followed)
     * @param topUps      automatic top-ups charged before or right after the consumption
     */
    record Unlocked(List<AccessRightItem> items, long credits, LedgerEntryId consumption, long balance,
                    List<LedgerEntryId> topUps) implements UnlockResult {
        public Unlocked {
            items = List.copyOf(Require.notNull(items, "items"));
            Require.positive(credits, "credits");
            Require.notNull(consumption, "consumption");
            topUps = List.copyOf(Require.notNull(topUps, "topUps"));
        }
    }

    /** The customer already held every content asked for: nothing was charged. */
    record AlreadyHeld(List<AccessRightItem> items) implements UnlockResult {
        public AlreadyHeld {
            items = List.copyOf(Require.notNull(items, "items"));
        }
    }

    /** Nothing was spent or granted. */
    record Refused(Refusal reason, long balance, String detail) implements UnlockResult {
        public Refused {
            Require.notNull(reason, "reason");
            Require.notNull(detail, "detail");
        }
    }

    /** The key was used before; {@code original} is that first result, with its items as they are now. */
    record Replayed(UnlockResult original) implements UnlockResult {
        public Replayed {
            Require.that(original instanceof Unlocked || original instanceof AlreadyHeld,
                    "only an unlock or an already-held answer is replayed");
        }
    }

    /** The items the customer holds for the content asked for, unless refused. */
    default Optional<List<AccessRightItem>> grantedItems() {
        if (this instanceof Unlocked u) {
            return Optional.of(u.items());
        }
        if (this instanceof AlreadyHeld h) {
            return Optional.of(h.items());
        }
        return this instanceof Replayed r ? r.original().grantedItems() : Optional.empty();
    }
}
