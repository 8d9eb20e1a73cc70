package org.plenigo.core.subscription;

import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.Refusal;

/** Outcome of subscribing to an offer. */
public sealed interface SubscriptionResult {
    /**
     * The subscription exists and its first top-up was charged and added.
     *
     * @param balance the customer wallet's balance right after the first top-up
     */
    record Subscribed(Subscription subscription, LedgerEntryId firstTopUp, long balance) implements SubscriptionResult {
    }

    /** Nothing was created (the first charge failed). */
    record Refused(Refusal reason, String detail) implements SubscriptionResult {
    }

    /**
     * The key was used before; {@code original} is that first result, with the subscription as it is now.
     */
    record Replayed(Subscribed original) implements SubscriptionResult {
    }
}
