package org.plenigo.core.wallet.internal;
import java.util.Optional;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.WalletEvent;

/**
 * What a charged top-up came to inside its unit of work: the entry it wrote, or the event saying
 * why it wrote nothing. Internal: not part of the stable API.
 */
public record TopUpAttempt(Optional<LedgerEntry> entry, Optional<WalletEvent.TopUpFailed> failure) {
    public static TopUpAttempt done(LedgerEntry entry) {
        return new TopUpAttempt(Optional.of(entry), Optional.empty());
    }

    public static TopUpAttempt refused(WalletEvent.TopUpFailed failure) {
        return new TopUpAttempt(Optional.empty(), Optional.of(failure));
    }
}
