package org.plenigo.core.tax.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.tax.TaxDecision;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxRule;
import org.plenigo.core.tax.TaxRuleRepository;
import org.plenigo.core.tax.TaxTreatment;

/**
 * Whose rate applies to a supply, for a seller established in the EU selling electronic services
 * (the place of supply is the customer's, Art. 58 of Directive 2006/112/EC):
 * <ol>
 * <li>a business customer with a VAT id of another member state than the seller's owes the tax
 *     itself: reverse charge, rate 0;</li>
 * <li>a business customer with a VAT id of the seller's state pays the seller's domestic rate;</li>
 * <li>a consumer in the EU pays the rate of the consumer's country;</li>
 * <li>a customer outside the EU pays the rate of a rule configured for that country, if there is
 *     one, and otherwise no VAT.</li>
 * </ol>
 * The rate is the rule's that applies on the day of supply. A supply in the EU without a rule is
 * refused rather than taxed at a guess. The 10,000 EUR threshold below which a small seller may
 * charge its home rate to consumers of other states is not applied: every such supply is taxed
 * where the consumer is, which is always allowed.
 */
public final class TaxDecisions {
    /** The member states of the EU, by their ISO 3166-1 alpha-2 codes (Greece as GR). */
    public static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
            "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private final TaxRuleRepository rules;
    private final String sellerCountry;

    /** @param sellerCountry the country the seller is established in, an EU member state */
    public TaxDecisions(TaxRuleRepository rules, String sellerCountry) {
        this.rules = rules;
        this.sellerCountry = sellerCountry;
    }

    /**
     * How the supply of {@code taxType} to the customer on {@code day} is taxed; to be called in a
     * unit of work.
     *
     * @throws ConflictException with {@link ErrorCode#TAX_RULE_MISSING} if no rule gives the rate
     *                           of a supply taxed in the EU
     */
    public TaxDecision decide(Customer customer, TaxType taxType, LocalDate day) {
        Optional<String> vatState = customer.vatIdMemberState();
        if (vatState.isPresent() && !vatState.get().equals(sellerCountry)) {
            return new TaxDecision(TaxTreatment.REVERSE_CHARGE, TaxRate.ZERO, vatState.get(), Optional.empty());
        }
        String country = vatState.isPresent() ? sellerCountry : customer.country();
        Optional<TaxRule> rule = rules.find(country, taxType).stream().filter(r -> r.appliesOn(day)).findFirst();
        if (rule.isPresent()) {
            return TaxDecision.taxed(rule.get());
        }
        if (EU_MEMBER_STATES.contains(country)) {
            throw new ConflictException(ErrorCode.TAX_RULE_MISSING, "no tax rule gives the rate of " + taxType
                    + " in " + country + " on " + day + ": add one with taxes().addRule(...)");
        }
        return new TaxDecision(TaxTreatment.NOT_TAXABLE_IN_EU, TaxRate.ZERO, country, Optional.empty());
    }
}
