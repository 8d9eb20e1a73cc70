package org.plenigo.core.payment;

import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.payment.internal.PaymentChecks;

/**
 * What is kept of an IBAN: its country, its check digits and its last four characters, enough to
 * show the customer which account is debited. The full IBAN is checked by {@link #of} and then
 * forgotten.
 *
 * @param country     ISO 3166-1 alpha-2 code of the account's country, e.g. {@code DE}
 * @param checkDigits the IBAN's two check digits
 * @param lastFour    its last four characters
 */
public record MaskedIban(String country, String checkDigits, String lastFour) {
    public MaskedIban {
        Require.notNull(country, "maskedIban.country");
        Require.that(PaymentChecks.SEPA_IBAN_LENGTHS.containsKey(country),
                "maskedIban.country must be a SEPA country, was '" + country + "'");
        Require.notNull(checkDigits, "maskedIban.checkDigits");
        Require.that(checkDigits.matches("[0-9]{2}"),
                "maskedIban.checkDigits must be 2 digits, was '" + checkDigits + "'");
        Require.notNull(lastFour, "maskedIban.lastFour");
        Require.that(lastFour.matches("[A-Z0-9]{4}"),
                "maskedIban.lastFour must be 4 upper-case letters or digits, was '" + lastFour + "'");
    }

    /**
     * The masked form of {@code iban}, after checking it by ISO 13616: a SEPA country, that
     * country's length, and check digits that make the IBAN, its first four characters moved to
     * the end and letters counted A=10 to Z=35, leave 1 modulo 97. Spaces are allowed, letters in
     * either case.
     *
     * @throws ValidationException naming the field and the IBAN masked, never in full
     */
    public static MaskedIban of(String iban) {
        String compact = PaymentChecks.iban(iban, "iban");
        return new MaskedIban(compact.substring(0, 2), compact.substring(2, 4),
                compact.substring(compact.length() - 4));
    }

    /** E.g. {@code DE89 **** 3000}. */
    @Override
    public String toString() {
        return country + checkDigits + " **** " + lastFour;
    }
}
