package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.access.AccessReason.ACCESS_BLOCKED;
import static org.plenigo.core.access.AccessReason.CUSTOMER_BLOCKED;
import static org.plenigo.core.access.AccessReason.EXTERNAL;
import static org.plenigo.core.access.AccessReason.FREE_CONTENT;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SPONSORED;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.GrantAccess;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.customer.CustomerId;

/**
 * The question the CMS asks on every page view, on the store under test: free content, HARD
 * content, the customer's items and blocking, each with its reason code in the documented order
 * (free content, unknown or blocked customer, the customer's items, blocked items, no right); the
 * offers a denial names; and {@code cacheUntil} for each source.
 */
public abstract class AccessCheckContract extends AccessCheckFixtures {
    // ----- FREEMIUM -----

    @Test
    void contentRequiringNoRightIsFreeForEveryReaderAndSaysSo() {
        CustomerId blocked = customer("reader-2");
        plenigo.access().blockCustomer(blocked);
        List<AccessCheck> readers = List.of(content("home"), content("home").withVisitor(visitor("v1")),
                content("home").withCustomer(reader), content("home").withCustomer(CustomerId.of("nobody")),
                content("home").withCustomer(blocked), content("home").withIpAddress("192.0.2.1"),
                content("home").exemptFromMetering());

        for (AccessCheck read : readers) {
            assertGranted(check(read), FREE_CONTENT, Optional.empty());
            assertGranted(preview(read), FREE_CONTENT, Optional.empty());
        }
    }

    // ----- HARD -----

    @Test
    void hardContentWithoutTheRightIsDeniedNamingTheOffersThatGrantItById() {
        assertDenied(check(content("article-1", premium)), NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
        assertDenied(check(content("article-1", premium).withVisitor(visitor("v1"))), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(preview(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void contentRequiringSeveralRightsOpensWithAnyOfThemAndNamesEachGrantingOfferOnce() {
        AccessCheck read = content("article-1", premium, epaper).withCustomer(reader);
        assertDenied(check(read), NO_ACCESS_RIGHT, List.of(bundle, epaperYearly, premiumDayPass, premiumMonthly),
                Optional.empty());

        grantExternal(reader, epaper, clock.instant(), Optional.empty());

        assertGranted(check(read), EXTERNAL, Optional.empty());
        assertGranted(check(content("article-1", epaper, premium).withCustomer(reader)), EXTERNAL, Optional.empty());
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void aCheckForAnUnknownCustomerIsADenialNotAnError() {
        CustomerId nobody = CustomerId.of("nobody");
        VisitorId visitor = visitor("v1");

        assertDenied(check(content("article-1", premium).withCustomer(nobody)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(check(content("article-1", plus).withCustomer(nobody).withVisitor(visitor)), NO_ACCESS_RIGHT,
                plusOffers, Optional.empty());

        assertFreeView(check(content("article-2", plus).withVisitor(visitor)), 1, MIDNIGHT);
    }

    // ----- the customer's items, and cacheUntil -----

    @Test
    void anItemGrantsUntilItsEndAndTheAnswerMayBeCachedUntilThen() {
        Instant end = local("2025-03-01T00:00");
        grantExternal(reader, premium, clock.instant(), Optional.of(end));
        AccessCheck read = content("article-1", premium).withCustomer(reader);

        assertGranted(check(read), EXTERNAL, Optional.of(end));
        assertGranted(preview(read), EXTERNAL, Optional.of(end));
        clock.set(end.minusSeconds(1));
        assertGranted(check(read), EXTERNAL, Optional.of(end));
        clock.set(end);
        assertDenied(check(read), NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
    }

    @Test
    void withSeveralGrantingItemsTheAnswerIsCachedUntilTheLatestEndOrHasNoLimit() {
        grantExternal(reader, premium, clock.instant(), Optional.of(local("2025-02-01T00:00")));
        grantExternal(reader, epaper, clock.instant(), Optional.of(local("2025-04-01T00:00")));
        AccessCheck read = content("article-1", premium, epaper).withCustomer(reader);

        assertGranted(check(read), EXTERNAL, Optional.of(local("2025-04-01T00:00")));
        assertGranted(check(content("article-1", premium).withCustomer(reader)), EXTERNAL,
                Optional.of(local("2025-02-01T00:00")));

        grantExternal(reader, premium, clock.instant(), Optional.empty());
        assertGranted(check(read), EXTERNAL, Optional.empty());
    }

    @Test
    void anItemThatStartsLaterDeniesUntilItsStartAndTheDenialIsCachedUntilTheEarliestStart() {
        grantExternal(reader, premium, local("2025-03-01T00:00"), Optional.empty());
        grantExternal(reader, epaper, local("2025-02-01T06:00"), Optional.of(local("2025-02-02T06:00")));
        AccessCheck read = content("article-1", premium, epaper).withCustomer(reader);
        List<OfferId> offers = List.of(bundle, epaperYearly, premiumDayPass, premiumMonthly);

        assertDenied(check(read), NO_ACCESS_RIGHT, offers, Optional.of(local("2025-02-01T06:00")));
        clock.set(local("2025-02-01T06:00"));
        assertGranted(check(read), EXTERNAL, Optional.of(local("2025-02-02T06:00")));
        clock.set(local("2025-02-02T06:00"));
        assertDenied(check(read), NO_ACCESS_RIGHT, offers, Optional.of(local("2025-03-01T00:00")));
        clock.set(local("2025-03-01T00:00"));
        assertGranted(check(read), EXTERNAL, Optional.empty());
    }

    @Test
    void itemsForOtherRightsOrOfOtherCustomersDoNotGrant() {
        grantExternal(customer("reader-2"), premium, clock.instant(), Optional.empty());
        grantExternal(reader, epaper, clock.instant(), Optional.empty());

        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void aSponsorItemOfTheCustomerGrantsAsSponsoredUntilItsEnd() {
        Instant end = local("2025-07-01T00:00");
        plenigo.access().grant(new GrantAccess(reader, premium, AccessSource.SPONSOR, clock.instant(),
                Optional.of(end), "city-library", newKey()));

        assertGranted(check(content("article-1", premium).withCustomer(reader)), SPONSORED, Optional.of(end));
    }

    // ----- blocking -----

    @Test
    void aBlockedCustomerIsDeniedContentThatNeedsARightAndReadsAgainOnceUnblocked() {
        grantExternal(reader, premium, clock.instant(), Optional.empty());
        AccessCheck read = content("article-1", premium).withCustomer(reader);
        assertThat(plenigo.access().blockCustomer(reader).blocked()).isTrue();

        assertBlocked(check(read), CUSTOMER_BLOCKED);
        assertBlocked(preview(read), CUSTOMER_BLOCKED);
        assertBlocked(check(content("article-2", plus).withCustomer(reader).withVisitor(visitor("v1"))),
                CUSTOMER_BLOCKED);
        assertGranted(check(content("home").withCustomer(reader)), FREE_CONTENT, Optional.empty());

        assertThat(plenigo.access().unblockCustomer(reader).blocked()).isFalse();
        assertGranted(check(read), EXTERNAL, Optional.empty());
        assertFreeView(check(content("article-2", plus).withCustomer(reader)), 2, MIDNIGHT);
        assertFreeView(check(content("article-3", plus).withVisitor(visitor("v1"))), 1, MIDNIGHT);
    }

    @Test
    void aBlockedItemDeniesWithAccessBlockedUntilItIsUnblocked() {
        AccessRightItem item = grantExternal(reader, premium, clock.instant(), Optional.empty());
        AccessCheck read = content("article-1", premium).withCustomer(reader);

        assertThat(plenigo.access().block(item.id()).blocked()).isTrue();
        assertBlocked(check(read), ACCESS_BLOCKED);
        assertBlocked(preview(read), ACCESS_BLOCKED);

        assertThat(plenigo.access().unblock(item.id())).isEqualTo(item);
        assertGranted(check(read), EXTERNAL, Optional.empty());
    }

    @Test
    void aBlockedItemForAMeteredRightGivesNoFreeViewsAndCountsNone() {
        AccessRightItem item = grantExternal(reader, plus, clock.instant(), Optional.empty());
        plenigo.access().block(item.id());

        assertBlocked(check(content("article-1", plus).withCustomer(reader).withVisitor(visitor("v1"))),
                ACCESS_BLOCKED);

        plenigo.access().revoke(item.id());
        assertFreeView(check(content("article-2", plus).withCustomer(reader)), 2, MIDNIGHT);
    }

    @Test
    void aBlockedItemDoesNotHideAnotherItemThatGrants() {
        plenigo.access().block(grantExternal(reader, premium, clock.instant(), Optional.empty()).id());
        Instant end = local("2025-02-01T00:00");
        grantExternal(reader, premium, clock.instant(), Optional.of(end));
        AccessCheck read = content("article-1", premium).withCustomer(reader);

        assertGranted(check(read), EXTERNAL, Optional.of(end));
        clock.set(end);
        assertBlocked(check(read), ACCESS_BLOCKED);
    }
}
