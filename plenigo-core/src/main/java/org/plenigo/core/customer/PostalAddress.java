package org.plenigo.core.customer;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * A postal address as an invoice prints it.
 *
 * @param street     street and house number, or a post box
 * @param postalCode the postal code, as the country writes it
 * @param city       the city
 * @param country    ISO 3166-1 alpha-2 code, e.g. {@code DE}
 */
public record PostalAddress(String street, String postalCode, String city, String country) {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public PostalAddress {
        Require.maxLength(Require.notBlank(street, "address.street"), 200, "address.street");
        Require.maxLength(Require.notBlank(postalCode, "address.postalCode"), 20, "address.postalCode");
        Require.maxLength(Require.notBlank(city, "address.city"), 100, "address.city");
        requireCountry(country, "address.country");
    }

    /** The address in the lines a letter shows: street, then postal code and city, then country. */
    public List<String> lines() {
        return List.of(street, postalCode + " " + city, country);
    }

    /** Checks an ISO 3166-1 alpha-2 code, naming {@code field} in the error. */
    static String requireCountry(String country, String field) {
        Require.notNull(country, field);
        if (!COUNTRIES.contains(country)) {
            throw new ValidationException(field + " '" + country + "' is not an ISO 3166-1 alpha-2 code");
        }
        return country;
    }
}
