package org.plenigo.core.catalog;

import java.util.HashSet;
import java.util.List;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;

/**
 * Content sold for credits. Unlocking it spends {@code credits} of the buyer's {@code walletId}
 * wallet and grants the buyer the content for ever: an ARTICLE or an ISSUE is one piece of
 * content; a WEBINAR_SERIES has {@code contents.size()} sessions of which the buyer picks
 * {@code picks}, each picked session being granted.
 *
 * @param contents the content unlocked: exactly one for an ARTICLE or an ISSUE, at least two
 *                 distinct sessions (at most 1,000) for a WEBINAR_SERIES
 * @param picks    how many contents one unlock grants: 1 for an ARTICLE or an ISSUE, 1 to
 *                 {@code contents.size()} for a WEBINAR_SERIES
 */
public record CreditProduct(CreditProductId id, String title, CreditProductKind kind, WalletId walletId,
                            long credits, List<ContentId> contents, int picks) {
    public static final int MAX_SESSIONS = 1_000;

    public CreditProduct {
        Require.notNull(id, "creditProduct.id");
        Require.maxLength(Require.notBlank(title, "creditProduct.title"), 200, "creditProduct.title");
        Require.notNull(kind, "creditProduct.kind");
        Require.notNull(walletId, "creditProduct.walletId");
        Require.positive(credits, "creditProduct.credits");
        Require.notNull(contents, "creditProduct.contents");
        contents = List.copyOf(contents);
        if (new HashSet<>(contents).size() != contents.size()) {
            throw new ValidationException("creditProduct.contents must not repeat a content id, was " + contents);
        }
        if (kind == CreditProductKind.WEBINAR_SERIES) {
            Require.that(contents.size() >= 2 && contents.size() <= MAX_SESSIONS,
                    "creditProduct.contents of a WEBINAR_SERIES must hold 2 to " + MAX_SESSIONS + " sessions, was "
                            + contents.size());
            Require.that(picks >= 1 && picks <= contents.size(), "creditProduct.picks must be 1 to "
                    + contents.size() + " for this WEBINAR_SERIES, was " + picks);
        } else {
            Require.that(contents.size() == 1, "creditProduct.contents of an " + kind
                    + " must hold exactly one content id, was " + contents);
            Require.that(picks == 1, "creditProduct.picks of an " + kind + " must be 1, was " + picks);
        }
    }

    /** A single article for {@code credits}. */
    public static CreditProduct article(CreditProductId id, String title, WalletId walletId, long credits,
                                       ContentId article) {
        return new CreditProduct(id, title, CreditProductKind.ARTICLE, walletId, credits, List.of(article), 1);
    }

    /** One issue of a periodical for {@code credits}. */
    public static CreditProduct issue(CreditProductId id, String title, WalletId walletId, long credits,
                                      ContentId issue) {
        return new CreditProduct(id, title, CreditProductKind.ISSUE, walletId, credits, List.of(issue), 1);
    }

    /** A webinar series: {@code picks} of {@code sessions} for {@code credits}. */
    public static CreditProduct webinarSeries(CreditProductId id, String title, WalletId walletId, long credits,
                                              List<ContentId> sessions, int picks) {
        return new CreditProduct(id, title, CreditProductKind.WEBINAR_SERIES, walletId, credits, sessions, picks);
    }
}
