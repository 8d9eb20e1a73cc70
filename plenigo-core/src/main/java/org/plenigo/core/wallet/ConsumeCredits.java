package org.plenigo.core.wallet;

import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;

/**
 * A request to spend credits of a customer's wallet.
 *
 * @param credits   how many; positive
 * @param reference what they are spent on (an article id, an issue, a webinar session), kept in the ledger
 */
public record ConsumeCredits(CustomerId customerId, WalletId walletId, long credits, Optional<String> reference,
                             IdempotencyKey key) {
    public ConsumeCredits {
        Require.notNull(customerId, "customerId");
        Require.notNull(walletId, "walletId");
        Require.positive(credits, "credits");
        Require.notNull(reference, "reference");
        reference.ifPresent(r -> Require.maxLength(Require.notBlank(r, "reference"), 200, "reference"));
        Require.notNull(key, "idempotencyKey");
    }

    public static ConsumeCredits of(CustomerId customerId, WalletId walletId, long credits, String reference,
                                    IdempotencyKey key) {
        return new ConsumeCredits(customerId, walletId, credits, Optional.ofNullable(reference), key);
    }
}
