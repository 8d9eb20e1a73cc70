package org.plenigo.core.consent;

import org.plenigo.core.Require;

/**
 * A consent question as it was shown to the customer, e.g. the marketing opt-in of the checkout.
 *
 * @param purpose what the consent is for, e.g. {@code marketing}; a customer's answers are kept per purpose
 * @param text    the text shown, word for word, so that what the customer agreed to can be proven
 * @param version the version of that text, as the publisher names it
 */
public record ConsentQuestion(String purpose, String text, String version) {
    public ConsentQuestion {
        Require.maxLength(Require.id(purpose, "consent.purpose"), 64, "consent.purpose");
        Require.maxLength(Require.notBlank(text, "consent.text"), 4000, "consent.text");
        Require.maxLength(Require.notBlank(version, "consent.version"), 64, "consent.version");
    }

    /** The marketing opt-in with this text and version. */
    public static ConsentQuestion marketing(String text, String version) {
        return new ConsentQuestion("marketing", text, version);
    }
}
