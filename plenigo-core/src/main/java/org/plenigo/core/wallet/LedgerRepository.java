package org.plenigo.core.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.charge.ChargeReference;

/** Storage port for the append-only ledger. Ids and (customer wallet, sequence) pairs are unique. */
public interface LedgerRepository {
    /** Appends the entry unless its id or its (wallet, sequence) pair exists; returns whether it was stored. */
    boolean insert(LedgerEntry entry);

    Optional<LedgerEntry> find(LedgerEntryId id);

    /** The wallet's entries in sequence order. */
    List<LedgerEntry> findByCustomerWallet(CustomerWalletId customerWalletId);

    /** How many TOP_UP entries paid by {@code paidBy} are dated at or after {@code since}. */
    int countTopUps(ChargeReference paidBy, Instant since);
}
