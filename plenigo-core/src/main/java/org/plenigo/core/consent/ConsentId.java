package org.plenigo.core.consent;

import org.plenigo.core.Require;

/** Identifier of one recorded consent answer. */
public record ConsentId(String value) {
    public ConsentId {
        Require.id(value, "consentId");
    }

    @Override
    public String toString() {
        return value;
    }
}
