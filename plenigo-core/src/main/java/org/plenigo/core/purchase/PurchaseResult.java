package org.plenigo.core.purchase;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.wallet.LedgerEntryId;

/** Outcome of a single purchase. */
public sealed interface PurchaseResult {
    /**
     * Charged once; the offer's access rights were granted, one item per right, and a credit pack's
     * credits were added to the customer's wallet.
     *
     * @param items   the items granted, for ever or for the offer's access duration
     * @param credits the ledger entry that added a credit pack's credits (a TOP_UP whose reference
     *                is the purchase's id); empty for an offer of access rights only
     */
    record Purchased(PurchaseId id, ChargeId charge, List<AccessRightItem> items, Optional<LedgerEntryId> credits)
            implements PurchaseResult {
        public Purchased {
            Require.notNull(id, "id");
            Require.notNull(charge, "charge");
            items = List.copyOf(Require.notNull(items, "items"));
            Require.notNull(credits, "credits");
        }

        /** A purchase of access rights only. */
        public Purchased(PurchaseId id, ChargeId charge, List<AccessRightItem> items) {
            this(id, charge, items, Optional.empty());
        }
    }

    /** The charge failed; nothing was granted. */
    record Refused(Refusal reason, String detail) implements PurchaseResult {
        public Refused {
            Require.notNull(reason, "reason");
            Require.notNull(detail, "detail");
        }
    }

    /** The key was used before; {@code original} is that first result, with its items as they are now. */
    record Replayed(Purchased original) implements PurchaseResult {
        public Replayed {
            Require.notNull(original, "original");
        }
    }

    /** The items the purchase granted, now or the first time under this key; empty if it was refused. */
    default Optional<List<AccessRightItem>> grantedItems() {
        if (this instanceof Purchased p) {
            return Optional.of(p.items());
        }
        return this instanceof Replayed r ? Optional.of(r.original().items()) : Optional.empty();
    }
}
