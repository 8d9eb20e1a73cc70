package org.plenigo.core.wallet;

import org.plenigo.core.Require;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;

/**
 * One customer's balance of one wallet's credits. Several subscriptions may feed it.
 *
 * @param balance credits available; never negative; always the sum of the ledger's entries
 * @param version number of ledger entries written so far; the sequence number of the latest entry
 */
public record CustomerWallet(CustomerWalletId id, CustomerId customerId, WalletId walletId, long balance,
                             long version) {
    public CustomerWallet {
        Require.notNull(id, "customerWallet.id");
        Require.notNull(customerId, "customerWallet.customerId");
        Require.notNull(walletId, "customerWallet.walletId");
        Require.notNegative(balance, "customerWallet.balance");
        Require.notNegative(version, "customerWallet.version");
    }
}
