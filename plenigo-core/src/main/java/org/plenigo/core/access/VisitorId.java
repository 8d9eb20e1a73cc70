package org.plenigo.core.access;

import org.plenigo.core.Require;

/** The CMS's identifier of an anonymous reader (e.g. from a first-party cookie), used to count metered views. */
public record VisitorId(String value) {
    public VisitorId {
        Require.id(value, "visitorId");
    }

    public static VisitorId of(String value) {
        return new VisitorId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
