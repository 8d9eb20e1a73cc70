package org.plenigo.core.wallet.internal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.wallet.AutomaticTopUpLimit;
import org.plenigo.core.wallet.CustomerWalletId;

/**
 * Port through which a spend of credits tops its wallet up when it needs more: the wallet knows
 * that something may sell it credits automatically, not what. Usage-based subscriptions implement
 * it; {@code Plenigo} wires them in. Called inside the spend's unit of work. Internal: not part of
 * the stable API.
 */
@FunctionalInterface
public interface AutomaticTopUps {
    /** What tops the customer wallet up automatically, if anything does. */
    Optional<Source> find(CustomerWalletId walletId);

    /** One seller of a wallet's credits that tops it up automatically. */
    interface Source {
        /** What its top-ups are charged for; it names the source in the ledger and in events. */
        ChargeReference paidBy();

        /** The credits one top-up adds. */
        long creditsPerTopUp();

        /** How many automatic top-ups it made within the {@link AutomaticTopUpLimit}'s window ending at {@code now}. */
        int usedInWindow(Instant now);

        /**
         * Charges one top-up and, if the charge succeeds, adds its credits dated {@code at}; a failed
         * charge adds nothing.
         *
         * @param balance the wallet's balance before this top-up, as the caller holds it
         */
        TopUpAttempt topUp(long balance, IdempotencyKey chargeKey, IdempotencyKey key, Instant at,
                           Consumer<DomainEvent> events);
    }
}
