package org.plenigo.core.payment;

import java.util.Locale;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.payment.internal.Mod97;

/**
 * A SEPA creditor identifier: country code, two check digits, a three-character business code and
 * the national identifier (in Germany 18 characters in all, {@code DEppZZZ0nnnnnnnnnn}). The check
 * digits cover the national identifier and the country code but not the business code: the
 * national identifier followed by the country code and the check digits, letters counted A=10 to
 * Z=35, leaves 1 modulo 97, as an IBAN does.
 *
 * @param value the identifier without spaces, in upper case
 */
public record CreditorId(String value) {
    /** Length of a German creditor identifier. */
    public static final int GERMAN_LENGTH = 18;

    public CreditorId {
        Require.notNull(value, "creditorId");
        if (value.length() < 8 || value.length() > 35 || !value.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]+")) {
            throw new ValidationException("creditorId must be a country code, 2 check digits, a 3-character business"
                    + " code and the national identifier, 8 to 35 upper-case letters and digits; was '" + value + "'");
        }
        if (value.startsWith("DE") && (value.length() != GERMAN_LENGTH || !value.substring(7).matches("0[0-9]{10}"))) {
            throw new ValidationException("creditorId '" + value + "' must have " + GERMAN_LENGTH
                    + " characters in Germany, the national identifier 0 and ten digits (DEppZZZ0nnnnnnnnnn)");
        }
        if (Mod97.remainder(value.substring(7) + value.substring(0, 4)) != 1) {
            throw new ValidationException("creditorId '" + value + "' fails its check digits");
        }
    }

    /** The identifier as written, spaces and lower case allowed. */
    public static CreditorId of(String value) {
        Require.notNull(value, "creditorId");
        return new CreditorId(value.replace(" ", "").toUpperCase(Locale.ROOT));
    }

    /** The country of the creditor, e.g. {@code DE}. */
    public String country() {
        return value.substring(0, 2);
    }

    /** The business code, which the creditor chooses freely ({@code ZZZ} unless it keeps several). */
    public String businessCode() {
        return value.substring(4, 7);
    }

    /** The national identifier, without the business code. */
    public String nationalId() {
        return value.substring(7);
    }

    @Override
    public String toString() {
        return value;
    }
}
