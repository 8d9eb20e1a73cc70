package org.plenigo.core.catalog;

import org.plenigo.core.Require;

/** Identifier of an offer, chosen by the publisher. */
public record OfferId(String value) {
    public OfferId {
        Require.id(value, "offerId");
    }

    public static OfferId of(String value) {
        return new OfferId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
