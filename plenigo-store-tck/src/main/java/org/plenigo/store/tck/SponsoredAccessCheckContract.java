package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.access.AccessReason.CUSTOMER_BLOCKED;
import static org.plenigo.core.access.AccessReason.EXTERNAL;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SPONSORED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.CustomerId;

/**
 * Access checks of SPONSORED readers on the store under test: sponsor grants by email domain, IP
 * range and code, for rights or single contents, within their window, with a reader budget; and how
 * they rank against metering, held rights and blocking.
 */
public abstract class SponsoredAccessCheckContract extends AccessCheckFixtures {
    private static final Instant SPONSOR_FROM = local("2025-01-01T00:00");
    private static final Instant SPONSOR_UNTIL = local("2025-07-01T00:00");

    // ----- SPONSORED -----

    @Test
    void aSponsorGrantByEmailDomainAdmitsCustomersOfTheDomainAndItsSubdomains() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.empty());
        assertThat(plenigo.access().findSponsorGrant(grant.id())).contains(grant);

        List<String> admitted = List.of("anna@uni-example.de", "bob@lib.uni-example.de", "Carl@UNI-EXAMPLE.DE");
        for (int i = 0; i < admitted.size(); i++) {
            CustomerId customer = customer("admitted-" + i, admitted.get(i));
            assertGranted(check(content("article-1", premium).withCustomer(customer)), SPONSORED,
                    Optional.of(SPONSOR_UNTIL));
        }
        List<String> others = List.of("eve@notuni-example.de", "mallory@uni-example.de.evil.example",
                "trent@example.de");
        for (int i = 0; i < others.size(); i++) {
            CustomerId customer = customer("other-" + i, others.get(i));
            assertDenied(check(content("article-1", premium).withCustomer(customer)), NO_ACCESS_RIGHT, premiumOffers,
                    Optional.empty());
        }
        assertDenied(check(content("article-1", premium).withVisitor(visitor("v1"))), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void aSponsorGrantByIpv4RangeAdmitsReadersFromTheRange() {
        sponsor("office", Set.of(), List.of("192.0.2.0/24", "198.51.100.7"), Set.of(), OptionalLong.empty());

        for (String address : List.of("192.0.2.0", "192.0.2.255", "198.51.100.7", "::ffff:192.0.2.9")) {
            assertGranted(check(content("article-1", premium).withIpAddress(address)), SPONSORED,
                    Optional.of(SPONSOR_UNTIL));
        }
        assertGranted(check(content("article-1", premium).withCustomer(reader).withIpAddress("192.0.2.10")),
                SPONSORED, Optional.of(SPONSOR_UNTIL));
        for (String address : List.of("192.0.3.0", "192.0.1.255", "198.51.100.8", "2001:db8::c000:201")) {
            assertDenied(check(content("article-1", premium).withIpAddress(address)), NO_ACCESS_RIGHT, premiumOffers,
                    Optional.empty());
        }
    }

    @Test
    void aSponsorGrantByIpv6RangeAdmitsReadersFromTheRange() {
        sponsor("campus-net", Set.of(), List.of("2001:db8:1234::/48"), Set.of(), OptionalLong.empty());

        for (String address : List.of("2001:db8:1234::1", "2001:DB8:1234:ffff:ffff:ffff:ffff:ffff")) {
            assertGranted(check(content("article-1", premium).withVisitor(visitor("v1")).withIpAddress(address)),
                    SPONSORED, Optional.of(SPONSOR_UNTIL));
        }
        for (String address : List.of("2001:db8:1235::", "2001:db8:1233:ffff::1", "192.0.2.1")) {
            assertDenied(check(content("article-1", premium).withVisitor(visitor("v1")).withIpAddress(address)),
                    NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
        }
    }

    @Test
    void aSponsorGrantByCodeAdmitsReadersPresentingExactlyThatCode() {
        sponsor("campaign", Set.of(), List.of(), Set.of("CAMPUS-2025"), OptionalLong.empty());

        assertGranted(check(content("article-1", premium).withSponsorCode("CAMPUS-2025")), SPONSORED,
                Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-1", premium).withCustomer(reader).withSponsorCode("CAMPUS-2025")),
                SPONSORED, Optional.of(SPONSOR_UNTIL));
        for (String code : List.of("campus-2025", "CAMPUS-2026", "CAMPUS-2025-X")) {
            assertDenied(check(content("article-1", premium).withSponsorCode(code)), NO_ACCESS_RIGHT, premiumOffers,
                    Optional.empty());
        }
    }

    @Test
    void aSponsorGrantForAContentIdOpensOnlyThatContentAndWithoutEndHasNoCacheLimit() {
        plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("press-review"), "Press review",
                Set.of(), Set.of(ContentId.of("article-9")), Set.of(), List.of(), Set.of("PRESS-REVIEW"),
                SPONSOR_FROM, Optional.empty(), OptionalLong.empty()));

        assertGranted(check(content("article-9", premium).withSponsorCode("PRESS-REVIEW")), SPONSORED,
                Optional.empty());
        assertDenied(check(content("article-10", premium).withSponsorCode("PRESS-REVIEW")), NO_ACCESS_RIGHT,
                premiumOffers, Optional.empty());
    }

    @Test
    void aSponsorGrantAppliesOnlyWithinItsWindowAndIsCachedUntilItsEnd() {
        Instant from = local("2025-02-01T00:00");
        Instant until = local("2025-03-01T00:00");
        plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("february"), "February", Set.of(premium),
                Set.of(), Set.of(), List.of(), Set.of("FEBRUARY"), from, Optional.of(until), OptionalLong.empty()));
        AccessCheck read = content("article-1", premium).withSponsorCode("FEBRUARY");

        AccessDecision early = check(read);
        assertThat(early.granted()).isFalse();
        assertThat(early.reason()).isEqualTo(NO_ACCESS_RIGHT);
        assertThat(early.offers()).isEqualTo(premiumOffers);
        clock.set(from);
        assertGranted(check(read), SPONSORED, Optional.of(until));
        clock.set(until.minusSeconds(1));
        assertGranted(check(read), SPONSORED, Optional.of(until));
        clock.set(until);
        assertDenied(check(read), NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
    }

    @Test
    void anEndedSponsorGrantAdmitsNoReaderFromItsEndAndIsCachedUntilThen() {
        SponsorGrant grant = plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("bank"), "Bank",
                Set.of(premium), Set.of(), Set.of(), List.of(), Set.of("BANK-2025"), SPONSOR_FROM, Optional.empty(),
                OptionalLong.of(1)));
        AccessCheck read = content("article-1", premium).withSponsorCode("BANK-2025").withVisitor(VisitorId.of("v1"));
        assertGranted(check(read), SPONSORED, Optional.empty());
        Instant end = clock.instant().plus(Duration.ofDays(3));

        assertThat(plenigo.access().endSponsorGrant(grant.id(), end)).isEqualTo(grant.withValidUntil(end));
        assertThat(plenigo.access().findSponsorGrant(grant.id())).contains(grant.withValidUntil(end));
        assertGranted(check(read), SPONSORED, Optional.of(end));
        assertThat(plenigo.access().endSponsorGrant(grant.id(), end.plus(Duration.ofDays(30))))
                .as("an end is never put off").isEqualTo(grant.withValidUntil(end));
        clock.set(end.minusSeconds(1));
        assertGranted(check(read), SPONSORED, Optional.of(end));
        clock.set(end);
        assertDenied(check(read), NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);

        assertInvalid(() -> plenigo.access().endSponsorGrant(grant.id(), SPONSOR_FROM), "endsAt", "validFrom");
        assertInvalid(() -> plenigo.access().endSponsorGrant(grant.id(), null), "endsAt");
        assertInvalid(() -> plenigo.access().endSponsorGrant(null, end), "sponsorGrantId");
        assertNotFound(() -> plenigo.access().endSponsorGrant(SponsorGrantId.of("nobody"), end), "sponsor grant",
                "nobody");
    }

    @Test
    void aReaderBudgetAdmitsThatManyDistinctReadersWhoKeepReading() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.of(2));
        CustomerId anna = customer("anna", "anna@uni-example.de");
        CustomerId bob = customer("bob", "bob@uni-example.de");
        CustomerId carl = customer("carl", "carl@uni-example.de");
        CustomerId dave = customer("dave", "dave@uni-example.de");

        assertGranted(check(content("article-1", premium).withCustomer(anna)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-2", premium).withCustomer(anna)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-1", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(2);

        assertDenied(check(content("article-1", premium).withCustomer(carl)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(preview(content("article-1", premium).withCustomer(dave)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertGranted(check(content("article-3", premium).withCustomer(anna)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-3", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(preview(content("article-4", premium).withCustomer(bob)), SPONSORED,
                Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(2);
    }

    @Test
    void aPreviewTakesNoPlaceInTheBudget() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.of(1));
        CustomerId anna = customer("anna", "anna@uni-example.de");
        CustomerId bob = customer("bob", "bob@uni-example.de");

        assertGranted(preview(content("article-1", premium).withCustomer(anna)), SPONSORED,
                Optional.of(SPONSOR_UNTIL));
        assertGranted(preview(content("article-1", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isZero();

        assertGranted(check(content("article-1", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);
        assertDenied(check(content("article-1", premium).withCustomer(anna)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
        assertDenied(preview(content("article-1", premium).withCustomer(anna)), NO_ACCESS_RIGHT, premiumOffers,
                Optional.empty());
    }

    @Test
    void anonymousReadersTakeTheirPlaceInTheBudgetByVisitorId() {
        SponsorGrant grant = sponsor("office", Set.of(), List.of("192.0.2.0/24"), Set.of(), OptionalLong.of(1));

        assertGranted(check(content("article-1", premium).withVisitor(visitor("v1")).withIpAddress("192.0.2.1")),
                SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertGranted(check(content("article-2", premium).withVisitor(visitor("v1")).withIpAddress("192.0.2.2")),
                SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertDenied(check(content("article-1", premium).withVisitor(visitor("v2")).withIpAddress("192.0.2.1")),
                NO_ACCESS_RIGHT, premiumOffers, Optional.empty());
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);
    }

    @Test
    void aSponsorOpensMeteredContentWithoutUsingAFreeView() {
        plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("open-plus"), "Open plus", Set.of(plus),
                Set.of(), Set.of(), List.of(), Set.of("READ-FREE"), SPONSOR_FROM, Optional.empty(),
                OptionalLong.empty()));
        VisitorId visitor = visitor("v1");

        for (int i = 1; i <= 3; i++) {
            assertGranted(check(plusContent("a" + i).withVisitor(visitor).withSponsorCode("READ-FREE")), SPONSORED,
                    Optional.empty());
        }
        assertGranted(check(plusContent("a1").withSponsorCode("READ-FREE")), SPONSORED, Optional.empty());

        assertFreeView(check(plusContent("a4").withVisitor(visitor)), 1, MIDNIGHT);
    }

    @Test
    void aReaderHoldingTheRightIsNotCountedAgainstTheBudget() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.of(1));
        CustomerId anna = customer("anna", "anna@uni-example.de");
        CustomerId bob = customer("bob", "bob@uni-example.de");
        grantExternal(anna, premium, clock.instant(), Optional.empty());

        assertGranted(check(content("article-1", premium).withCustomer(anna)), EXTERNAL, Optional.empty());
        assertThat(plenigo.access().sponsorReaders(grant.id())).isZero();
        assertGranted(check(content("article-1", premium).withCustomer(bob)), SPONSORED, Optional.of(SPONSOR_UNTIL));
        assertThat(plenigo.access().sponsorReaders(grant.id())).isEqualTo(1);
    }

    @Test
    void aBlockedCustomerIsNotSponsored() {
        SponsorGrant grant = sponsor("university", Set.of("uni-example.de"), List.of(), Set.of(), OptionalLong.of(5));
        CustomerId anna = customer("anna", "anna@uni-example.de");
        plenigo.access().blockCustomer(anna);

        assertBlocked(check(content("article-1", premium).withCustomer(anna)), CUSTOMER_BLOCKED);
        assertBlocked(check(content("article-1", premium).withCustomer(anna).withIpAddress("192.0.2.1")),
                CUSTOMER_BLOCKED);
        assertThat(plenigo.access().sponsorReaders(grant.id())).isZero();
    }

    // ----- helpers -----

    /** A grant for premium content, valid through the first half of 2025. */
    private SponsorGrant sponsor(String id, Set<String> domains, List<String> ranges, Set<String> codes,
                                 OptionalLong budget) {
        return plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of(id), "Sponsor " + id,
                Set.of(premium), Set.of(), domains, ranges.stream().map(IpRange::parse).toList(), codes, SPONSOR_FROM,
                Optional.of(SPONSOR_UNTIL), budget));
    }
}
