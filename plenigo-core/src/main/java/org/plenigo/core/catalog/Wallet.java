package org.plenigo.core.catalog;

import java.util.Currency;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.money.Money;
import org.plenigo.core.time.Interval;

/**
 * A wallet definition: a named kind of credit, the money value of one credit (which fixes the
 * wallet's currency) and optionally how long credits stay valid after they were added.
 */
public record Wallet(WalletId id, String title, Money creditValue, Optional<Interval> creditValidity) {
    public Wallet {
        Require.notNull(id, "wallet.id");
        Require.maxLength(Require.notBlank(title, "wallet.title"), 200, "wallet.title");
        Require.notNull(creditValue, "wallet.creditValue");
        Require.notNull(creditValidity, "wallet.creditValidity");
        if (!creditValue.isPositive()) {
            throw new ValidationException("wallet.creditValue must be positive, was " + creditValue);
        }
    }

    /** A wallet whose credits never expire. */
    public static Wallet of(WalletId id, String title, Money creditValue) {
        return new Wallet(id, title, creditValue, Optional.empty());
    }

    /** A copy whose credits expire {@code validity} after they were added. */
    public Wallet withCreditValidity(Interval validity) {
        return new Wallet(id, title, creditValue, Optional.of(Require.notNull(validity, "wallet.creditValidity")));
    }

    public Currency currency() {
        return creditValue.currency();
    }
}
