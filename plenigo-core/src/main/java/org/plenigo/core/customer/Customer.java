package org.plenigo.core.customer;

import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * A customer of the publisher.
 *
 * @param id             the publisher's own id
 * @param country        ISO 3166-1 alpha-2 code, e.g. {@code DE}; decides the tax rate of a consumer
 * @param vatId          VAT identification number of a business customer, its shape checked by its
 *                       country prefix and kept without spaces, dots and hyphens
 * @param billingAddress the address invoices are made out to
 * @param blocked        a blocked customer is denied all content that requires an access right
 */
public record Customer(CustomerId id, String email, String name, String country, Optional<String> vatId,
                       Optional<PostalAddress> billingAddress, boolean blocked) {

    public Customer {
        Require.notNull(id, "customer.id");
        Require.maxLength(Require.notBlank(email, "customer.email"), 254, "customer.email");
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.contains(" ")) {
            throw new ValidationException("customer.email '" + email + "' is not an email address");
        }
        Require.maxLength(Require.notBlank(name, "customer.name"), 200, "customer.name");
        PostalAddress.requireCountry(country, "customer.country");
        Require.notNull(vatId, "customer.vatId");
        vatId = vatId.map(v -> VatIdFormat.check(
                Require.maxLength(Require.notBlank(v, "customer.vatId"), 20, "customer.vatId"), "customer.vatId"));
        Require.notNull(billingAddress, "customer.billingAddress");
    }

    /** A customer without a billing address. */
    public Customer(CustomerId id, String email, String name, String country, Optional<String> vatId,
                    boolean blocked) {
        this(id, email, name, country, vatId, Optional.empty(), blocked);
    }

    /** A customer who is not blocked, without a billing address. */
    public Customer(CustomerId id, String email, String name, String country, Optional<String> vatId) {
        this(id, email, name, country, vatId, Optional.empty(), false);
    }

    public static Customer of(CustomerId id, String email, String name, String country) {
        return new Customer(id, email, name, country, Optional.empty(), Optional.empty(), false);
    }

    public Customer withBlocked(boolean blocked) {
        return new Customer(id, email, name, country, vatId, billingAddress, blocked);
    }

    public Customer withVatId(String vatId) {
        return new Customer(id, email, name, country, Optional.of(vatId), billingAddress, blocked);
    }

    public Customer withBillingAddress(PostalAddress address) {
        return new Customer(id, email, name, country, vatId, Optional.of(address), blocked);
    }

    /**
     * The EU member state whose VAT id the customer has (ISO code; a Greek {@code EL} id gives
     * {@code GR}), empty for a customer without one or with one of a state outside the EU.
     */
    public Optional<String> vatIdMemberState() {
        return vatId.flatMap(VatIdFormat::memberState);
    }
}
