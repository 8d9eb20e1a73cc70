package org.plenigo.core.tax;

import java.util.Optional;
import org.plenigo.core.Require;

/**
 * A rule that was added, and the open-ended rule of the same country and tax type it ended the day
 * before its start, if it started inside one (a rate change).
 */
public record TaxRuleAdded(TaxRule added, Optional<TaxRule> ended) {
    public TaxRuleAdded {
        Require.notNull(added, "taxRuleAdded.added");
        Require.notNull(ended, "taxRuleAdded.ended");
    }
}
