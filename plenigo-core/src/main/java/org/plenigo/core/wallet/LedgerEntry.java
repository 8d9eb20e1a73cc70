package org.plenigo.core.wallet;

import java.time.Instant;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.idempotency.IdempotencyKey;

/**
 * One change of a customer wallet's balance. Entries are never changed or deleted; the balance
 * always equals the sum of the wallet's entries.
 *
 * @param sequence       1 for the wallet's first entry, then counting up without gaps
 * @param credits        the change: positive for TOP_UP, GRANT, REVERSAL; negative for CONSUMPTION, EXPIRY
 * @param balanceAfter   the balance right after this entry
 * @param paidBy         what the charge that bought a TOP_UP was for: a subscription, the only seller of credits
 * @param key            the idempotency key of the operation that wrote the entry
 * @param reference      what the credits were spent on, why they were granted, or which entry is reversed
 */
public record LedgerEntry(LedgerEntryId id, CustomerWalletId customerWalletId, long sequence, LedgerEntryType type,
                          long credits, long balanceAfter, Instant at, Optional<ChargeReference> paidBy,
                          IdempotencyKey key, Optional<String> reference) {
    public LedgerEntry {
        Require.notNull(id, "ledgerEntry.id");
        Require.notNull(customerWalletId, "ledgerEntry.customerWalletId");
        Require.positive(sequence, "ledgerEntry.sequence");
        Require.notNull(type, "ledgerEntry.type");
        Require.notNegative(balanceAfter, "ledgerEntry.balanceAfter");
        Require.notNull(at, "ledgerEntry.at");
        Require.notNull(paidBy, "ledgerEntry.paidBy");
        if (paidBy.isPresent() && paidBy.get().kind() != ChargeReference.Kind.SUBSCRIPTION) {
            throw new ValidationException("ledgerEntry.paidBy must be a subscription, was " + paidBy.get());
        }
        Require.notNull(key, "ledgerEntry.key");
        Require.notNull(reference, "ledgerEntry.reference");
        reference.ifPresent(r -> Require.maxLength(r, 200, "ledgerEntry.reference"));
        if (credits == 0 || (credits > 0) != type.adds()) {
            throw new ValidationException("ledgerEntry.credits " + credits + " has the wrong sign for " + type);
        }
    }
}
