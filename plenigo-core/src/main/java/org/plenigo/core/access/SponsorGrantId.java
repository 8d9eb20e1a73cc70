package org.plenigo.core.access;

import org.plenigo.core.Require;

/** Identifier of a {@link SponsorGrant}. */
public record SponsorGrantId(String value) {
    public SponsorGrantId {
        Require.id(value, "sponsorGrantId");
    }

    public static SponsorGrantId of(String value) {
        return new SponsorGrantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
