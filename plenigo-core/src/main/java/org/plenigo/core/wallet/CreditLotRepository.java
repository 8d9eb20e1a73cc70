package org.plenigo.core.wallet;

import java.time.Instant;
import java.util.List;

/** Storage port for {@link CreditLot}s. */
public interface CreditLotRepository {
    /** Stores the lot unless its id exists; returns whether it was stored. */
    boolean insert(CreditLot lot);

    /**
     * The wallet's lots with credits remaining, in the order they are consumed: earliest expiry
     * first, lots that never expire last, then by {@code addedAt}, then by id.
     */
    List<CreditLot> findOpen(CustomerWalletId customerWalletId);

    /** Takes {@code credits} from the lot only if it has that many remaining; returns whether it did. */
    boolean take(CreditLotId id, long credits);

    /** Up to {@code limit} lots of any wallet with credits remaining that expired at or before {@code now}, earliest first. */
    List<CreditLot> findExpired(Instant now, int limit);
}
