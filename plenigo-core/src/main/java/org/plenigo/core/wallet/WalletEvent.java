package org.plenigo.core.wallet;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;

/** Events about customer wallets, published after the change was stored. */
public sealed interface WalletEvent extends DomainEvent {
    CustomerId customerId();

    WalletId walletId();

    /** Credits were bought and added; {@code paidBy} (a subscription) paid for them. */
    record CreditsToppedUp(CustomerId customerId, WalletId walletId, ChargeReference paidBy,
                           LedgerEntryId entryId, long credits, long balance, Instant occurredAt) implements WalletEvent {
    }

    /** Credits were added by an operator without a charge. */
    record CreditsGranted(CustomerId customerId, WalletId walletId, LedgerEntryId entryId, long credits, long balance,
                          Instant occurredAt) implements WalletEvent {
    }

    /** Credits were spent. */
    record CreditsConsumed(CustomerId customerId, WalletId walletId, LedgerEntryId entryId, long credits,
                           long balance, Optional<String> reference, Instant occurredAt) implements WalletEvent {
    }

    /** Credits of an earlier consumption were given back. */
    record CreditsReversed(CustomerId customerId, WalletId walletId, LedgerEntryId entryId, long credits,
                           long balance, Instant occurredAt) implements WalletEvent {
    }

    /** Credits reached the end of their validity. */
    record CreditsExpired(CustomerId customerId, WalletId walletId, LedgerEntryId entryId, long credits, long balance,
                          Instant occurredAt) implements WalletEvent {
    }

    /** The balance reached zero and no top-up refilled it. */
    record WalletDepleted(CustomerId customerId, WalletId walletId, Instant occurredAt) implements WalletEvent {
    }

    /** A top-up to be paid by {@code paidBy} (a subscription) was attempted and added nothing. */
    record TopUpFailed(CustomerId customerId, WalletId walletId, ChargeReference paidBy, Refusal reason,
                       String detail, Instant occurredAt) implements WalletEvent {
    }
}
