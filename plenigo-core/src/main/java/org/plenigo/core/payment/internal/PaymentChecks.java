package org.plenigo.core.payment.internal;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/** The format checks of payment details: IBAN lengths, mandate references, BICs, tokens and emails. */
public final class PaymentChecks {
    /**
     * The IBAN length of every country in the SEPA schemes, from the ISO 13616 IBAN registry. French
     * overseas departments, Åland, the Channel Islands and the Isle of Man use the IBANs of France,
     * Finland and the United Kingdom.
     */
    public static final Map<String, Integer> SEPA_IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("BE", 16),
            Map.entry("BG", 22), Map.entry("CH", 21), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20), Map.entry("ES", 24),
            Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23),
            Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20),
            Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24),
            Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MT", 31), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("RO", 24),
            Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
            Map.entry("VA", 22));

    /**
     * The characters SEPA allows in a mandate reference. A space is not among them, although the
     * SEPA character set has one: the identifiers of a mandate must not contain it.
     */
    private static final Pattern MANDATE_REFERENCE = Pattern.compile("[A-Za-z0-9/\\-?:().,'+]{1,35}");
    private static final Pattern BIC = Pattern.compile("[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Z0-9]+");

    private PaymentChecks() {
    }

    /**
     * The IBAN without spaces, in upper case, after checking its country, its length for that
     * country and its check digits. The message of a refusal names the field and, masked, the value.
     */
    public static String iban(String iban, String field) {
        Require.notNull(iban, field);
        String compact = iban.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 4 || !ALPHANUMERIC.matcher(compact).matches()) {
            throw new ValidationException(field + " must be letters and digits (spaces allowed), beginning with"
                    + " a country code and two check digits; was " + compact.length() + " characters");
        }
        String country = compact.substring(0, 2);
        Integer length = SEPA_IBAN_LENGTHS.get(country);
        if (length == null) {
            throw new ValidationException(field + " " + mask(compact) + " is not of a SEPA country: '" + country + "'");
        }
        if (compact.length() != length) {
            throw new ValidationException(field + " " + mask(compact) + " must have " + length + " characters in "
                    + country + ", had " + compact.length());
        }
        if (!Character.isDigit(compact.charAt(2)) || !Character.isDigit(compact.charAt(3))
                || Mod97.remainder(compact.substring(4) + compact.substring(0, 4)) != 1) {
            throw new ValidationException(field + " " + mask(compact) + " fails its check digits");
        }
        return compact;
    }

    /** How a refused IBAN is named in a message: country, check digits and the last four characters at most. */
    private static String mask(String compact) {
        return compact.length() < 8 ? "of " + compact.length() + " characters"
                : compact.substring(0, 4) + " **** " + compact.substring(compact.length() - 4);
    }

    public static String mandateReference(String reference, String field) {
        Require.notNull(reference, field);
        if (!MANDATE_REFERENCE.matcher(reference).matches()) {
            throw new ValidationException(field + " must be 1 to 35 characters of A-Z a-z 0-9 / - ? : ( ) . , ' +,"
                    + " was '" + reference + "'");
        }
        return reference;
    }

    public static String bic(String bic, String field) {
        Require.notNull(bic, field);
        if (!BIC.matcher(bic).matches()) {
            throw new ValidationException(field + " must be a BIC of 8 or 11 upper-case letters and digits,"
                    + " was '" + bic + "'");
        }
        return bic;
    }

    /** A provider's token: not blank, at most 255 characters, no spaces. */
    public static String token(String token, String field) {
        Require.maxLength(Require.notBlank(token, field), 255, field);
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new ValidationException(field + " must not contain spaces");
        }
        return token;
    }

    public static String email(String email, String field) {
        Require.maxLength(Require.notBlank(email, field), 254, field);
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.contains(" ")) {
            throw new ValidationException(field + " '" + email + "' is not an email address");
        }
        return email;
    }
}
