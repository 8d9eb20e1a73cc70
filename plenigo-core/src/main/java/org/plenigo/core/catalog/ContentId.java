package org.plenigo.core.catalog;

import org.plenigo.core.Require;

/** The CMS's identifier of a piece of content: an article, an issue, a webinar session. */
public record ContentId(String value) {
    public ContentId {
        Require.id(value, "contentId");
    }

    public static ContentId of(String value) {
        return new ContentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
