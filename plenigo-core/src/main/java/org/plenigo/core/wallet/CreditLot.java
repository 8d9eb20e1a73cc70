package org.plenigo.core.wallet;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * Credits that were added together and expire together. A consumption takes from the lots that
 * expire first; the remaining credits of all open lots equal the wallet's balance.
 *
 * @param credits   credits the lot started with
 * @param remaining credits not yet consumed or expired
 * @param expiresAt end of the credits' validity; empty: they never expire
 */
public record CreditLot(CreditLotId id, CustomerWalletId customerWalletId, long credits, long remaining,
                        Instant addedAt, Optional<Instant> expiresAt) {
    public CreditLot {
        Require.notNull(id, "creditLot.id");
        Require.notNull(customerWalletId, "creditLot.customerWalletId");
        Require.positive(credits, "creditLot.credits");
        Require.notNegative(remaining, "creditLot.remaining");
        Require.notNull(addedAt, "creditLot.addedAt");
        Require.notNull(expiresAt, "creditLot.expiresAt");
        if (remaining > credits) {
            throw new ValidationException("creditLot.remaining " + remaining + " exceeds creditLot.credits " + credits);
        }
    }
}
