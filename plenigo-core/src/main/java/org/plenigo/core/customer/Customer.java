package org.plenigo.core.customer;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * A customer of the publisher.
 *
 * @param id      the publisher's own id
 * @param country ISO 3166-1 alpha-2 code, e.g. {@code DE}; decides the tax rate
 * @param vatId   VAT identification number of a business customer
 * @param blocked a blocked customer is denied all content that requires an access right
 */
public record Customer(CustomerId id, String email, String name, String country, Optional<String> vatId,
                       boolean blocked) {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public Customer {
        Require.notNull(id, "customer.id");
        Require.maxLength(Require.notBlank(email, "customer.email"), 254, "customer.email");
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.contains(" ")) {
            throw new ValidationException("customer.email '" + email + "' is not an email address");
        }
        Require.maxLength(Require.notBlank(name, "customer.name"), 200, "customer.name");
        Require.notNull(country, "customer.country");
        if (!COUNTRIES.contains(country)) {
            throw new ValidationException("customer.country '" + country + "' is not an ISO 3166-1 alpha-2 code");
        }
        Require.notNull(vatId, "customer.vatId");
        vatId.ifPresent(v -> Require.maxLength(Require.notBlank(v, "customer.vatId"), 20, "customer.vatId"));
    }

    /** A customer who is not blocked. */
    public Customer(CustomerId id, String email, String name, String country, Optional<String> vatId) {
        this(id, email, name, country, vatId, false);
    }

    public static Customer of(CustomerId id, String email, String name, String country) {
        return new Customer(id, email, name, country, Optional.empty(), false);
    }

    public Customer withBlocked(boolean blocked) {
        return new Customer(id, email, name, country, vatId, blocked);
    }

    public Customer withVatId(String vatId) {
        return new Customer(id, email, name, country, Optional.of(vatId), blocked);
    }
}
