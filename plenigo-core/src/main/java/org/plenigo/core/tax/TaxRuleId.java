package org.plenigo.core.tax;

import org.plenigo.core.Require;

/** The id of a {@link TaxRule}. */
public record TaxRuleId(String value) {
    public TaxRuleId {
        Require.id(value, "taxRuleId");
    }

    @Override
    public String toString() {
        return value;
    }
}
