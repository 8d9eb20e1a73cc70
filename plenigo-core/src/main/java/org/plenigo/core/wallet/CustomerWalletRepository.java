package org.plenigo.core.wallet;

import java.util.Optional;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;

/**
 * Storage port for customer wallets. There is at most one per customer and wallet definition. The
 * balance only changes through {@link #credit} and {@link #debit}, each of which also counts the
 * version up by one, so that every change gets its own sequence number for its ledger entry.
 */
public interface CustomerWalletRepository {
    /** Stores the wallet unless its id or its (customer, wallet) pair exists; returns whether it was stored. */
    boolean insert(CustomerWallet wallet);

    Optional<CustomerWallet> find(CustomerWalletId id);

    Optional<CustomerWallet> find(CustomerId customerId, WalletId walletId);

    /**
     * Reads the wallet and keeps concurrent units of work from changing it until the current one
     * ends (a row lock), so that a decision taken on its state, such as how many automatic top-ups
     * a consumption needs, stays true.
     */
    Optional<CustomerWallet> findForUpdate(CustomerWalletId id);

    /** Adds {@code credits} (positive) to the balance. */
    BalanceChange credit(CustomerWalletId id, long credits);

    /**
     * Takes {@code credits} (positive) from the balance only if the balance holds at least that many,
     * in one conditional step; empty if it does not, or if the wallet does not exist.
     */
    Optional<BalanceChange> debit(CustomerWalletId id, long credits);
}
