package org.plenigo.core.tax;

import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * How one supply to one customer is taxed.
 *
 * @param treatment taxed, reverse charge or not taxable in the EU
 * @param rate      the rate; zero unless taxed
 * @param country   the country whose rate applies; for a reverse charge the customer's VAT id's
 *                  member state, for a supply not taxable in the EU the customer's country
 * @param rule      the rule the rate comes from; empty unless taxed
 */
public record TaxDecision(TaxTreatment treatment, TaxRate rate, String country, Optional<TaxRuleId> rule) {
    public TaxDecision {
        Require.notNull(treatment, "taxDecision.treatment");
        Require.notNull(rate, "taxDecision.rate");
        Require.notNull(country, "taxDecision.country");
        Require.notNull(rule, "taxDecision.rule");
        if ((treatment == TaxTreatment.TAXED) != rule.isPresent()
                || treatment != TaxTreatment.TAXED && !rate.isZero()) {
            throw new ValidationException("taxDecision " + treatment + " at " + rate + " by rule " + rule
                    + " does not fit: only a taxed supply has a rule, and only it a rate above zero");
        }
    }

    public static TaxDecision taxed(TaxRule rule) {
        return new TaxDecision(TaxTreatment.TAXED, rule.rate(), rule.country(), Optional.of(rule.id()));
    }
}
