package org.plenigo.core.payment.internal;

/**
 * The ISO 7064 MOD 97-10 remainder that IBANs and SEPA creditor identifiers carry their check digits
 * in: digits count as themselves, letters A to Z as 10 to 35, and the resulting decimal number is
 * divided by 97, reduced digit by digit so that no big number is built.
 */
public final class Mod97 {
    private Mod97() {
    }

    /** The remainder of {@code text} (digits and upper-case letters only) modulo 97. */
    public static int remainder(CharSequence text) {
        int remainder = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                throw new IllegalArgumentException("not a digit or upper-case letter at " + i);
            }
        }
        return remainder;
    }
}
