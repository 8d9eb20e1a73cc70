package org.plenigo.core.subscription;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.wallet.LedgerEntryId;

/** Outcome of subscribing to an offer. */
public sealed interface SubscriptionResult {
    /** A subscription that was created: {@link Subscribed} or {@link Activated}. */
    sealed interface Created extends SubscriptionResult {
        Subscription subscription();
    }

    /**
     * A usage-based subscription exists and its first top-up was charged and added.
     *
     * @param balance the customer wallet's balance right after the first top-up
     */
    record Subscribed(Subscription subscription, LedgerEntryId firstTopUp, long balance) implements Created {
    }

    /**
     * A time-based subscription exists, its first billing period was charged and the offer's access
     * rights were granted, one item per right, until the first period ends (each renewal extends them).
     */
    record Activated(Subscription subscription, ChargeId firstCharge, List<AccessRightItem> items) implements Created {
        public Activated {
            items = List.copyOf(items);
        }
    }

    /** Nothing was created (the first charge failed). */
    record Refused(Refusal reason, String detail) implements SubscriptionResult {
    }

    /**
     * The key was used before; {@code original} is that first result, with the subscription as it is now.
     */
    record Replayed(Created original) implements SubscriptionResult {
    }

    /**
     * The subscription created, now or the first time under this key ({@link Replayed}), with its
     * first top-up or its items; empty if nothing was created.
     */
    default Optional<Created> created() {
        if (this instanceof Created c) {
            return Optional.of(c);
        }
        return this instanceof Replayed r ? Optional.of(r.original()) : Optional.empty();
    }
}
