package org.plenigo.core.catalog;

import java.util.Optional;

/** Storage port for {@link Wallet}s. Ids are unique. */
public interface WalletRepository {
    /** Stores {@code wallet} unless its id exists; returns whether it was stored. */
    boolean insert(Wallet wallet);

    Optional<Wallet> find(WalletId id);
}
