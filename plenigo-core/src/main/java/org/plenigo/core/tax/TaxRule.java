package org.plenigo.core.tax;

import java.time.LocalDate;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.TaxType;

/**
 * The rate at which one country taxes one tax type on the days from {@code validFrom} through
 * {@code validUntil} (both included; none: until a later rule ends it).
 *
 * @param country ISO 3166-1 alpha-2 code of the country whose rate this is
 * @param source  where the rate comes from (a law, a tax authority's list), printed nowhere but
 *                kept so that every rate can be checked
 */
public record TaxRule(TaxRuleId id, String country, TaxType taxType, TaxRate rate, LocalDate validFrom,
                      Optional<LocalDate> validUntil, String source) {
    public TaxRule {
        Require.notNull(id, "taxRule.id");
        Require.notNull(country, "taxRule.country");
        if (!country.matches("[A-Z]{2}")) {
            throw new ValidationException("taxRule.country '" + country + "' is not an ISO 3166-1 alpha-2 code");
        }
        Require.notNull(taxType, "taxRule.taxType");
        Require.notNull(rate, "taxRule.rate");
        Require.notNull(validFrom, "taxRule.validFrom");
        Require.notNull(validUntil, "taxRule.validUntil");
        Require.maxLength(Require.notBlank(source, "taxRule.source"), 500, "taxRule.source");
        if (validUntil.isPresent() && validUntil.get().isBefore(validFrom)) {
            throw new ValidationException("taxRule.validUntil " + validUntil.get() + " is before validFrom " + validFrom);
        }
    }

    /** Whether the rule applies on {@code day}. */
    public boolean appliesOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validUntil.isEmpty() || !day.isAfter(validUntil.get()));
    }

    /** Whether both rules are for the same country and tax type and share a day. */
    public boolean overlaps(TaxRule other) {
        return country.equals(other.country) && taxType == other.taxType
                && (validUntil.isEmpty() || !other.validFrom.isAfter(validUntil.get()))
                && (other.validUntil.isEmpty() || !validFrom.isAfter(other.validUntil.get()));
    }

    /** This rule ending on {@code lastDay}. */
    public TaxRule endingOn(LocalDate lastDay) {
        return new TaxRule(id, country, taxType, rate, validFrom, Optional.of(lastDay), source);
    }
}
