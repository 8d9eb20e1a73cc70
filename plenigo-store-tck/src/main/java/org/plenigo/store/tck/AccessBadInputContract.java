package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.access.AccessCheck;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.GrantAccess;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.access.VisitorId;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;
import org.plenigo.core.wallet.LedgerEntry;

/**
 * Misuse of the access API fails fast and stores nothing: nulls and malformed values are a
 * {@link org.plenigo.core.ValidationException} naming the field, unknown customers, offers,
 * products, rights and items a {@link org.plenigo.core.NotFoundException}, a reused idempotency
 * key with other content and a taken id a {@link ConflictException}. An unknown customer in an
 * access check is no misuse: that is a denial (see {@link AccessCheckContract}).
 */
public abstract class AccessBadInputContract extends StoreContractSupport {
    private CustomerId reader;
    private AccessRightId premium;
    private WalletId articles;
    private CreditProductId article;
    private OfferId dayPass;
    private OfferId monthly;
    private AccessRightItem item;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        premium = hardRight("premium");
        articles = wallet("article-credits");
        article = plenigo.catalog().createCreditProduct(CreditProduct.article(CreditProductId.of("p-article"),
                "Article", articles, 3, ContentId.of("article-1"))).id();
        dayPass = singlePurchaseOffer("day-pass", Optional.of(Interval.days(1)), premium);
        monthly = timeBasedOffer("monthly", Interval.months(1), premium);
        plenigo.wallets().grant(reader, articles, 10, "welcome", newKey());
        item = grantExternal(reader, premium, clock.instant(), Optional.empty());
    }

    @Test
    void nullArgumentsAreRefusedNamingTheFieldAndNothingIsStored() {
        State before = state();
        IdempotencyKey key = newKey();
        AccessRightItemId id = item.id();

        assertInvalid(() -> plenigo.access().check(null), "check");
        assertInvalid(() -> plenigo.access().preview(null), "check");
        assertInvalidNaming(() -> plenigo.access().grant(null), "request", "grant");
        assertInvalidNaming(() -> plenigo.access().revoke(null), "itemId", "accessRightItemId", "id");
        assertInvalidNaming(() -> plenigo.access().block(null), "itemId", "accessRightItemId", "id");
        assertInvalidNaming(() -> plenigo.access().unblock(null), "itemId", "accessRightItemId", "id");
        assertInvalidNaming(() -> plenigo.access().findItem(null), "itemId", "accessRightItemId", "id");
        assertInvalid(() -> plenigo.access().items(null), "customerId");
        assertInvalid(() -> plenigo.access().unlock(null, article, List.of(), key), "customerId");
        assertInvalidNaming(() -> plenigo.access().unlock(reader, null, List.of(), key), "creditProductId",
                "productId");
        assertInvalid(() -> plenigo.access().unlock(reader, article, null, key), "picks");
        assertInvalidNaming(() -> plenigo.access().unlock(reader, article, List.of(), null), "idempotencyKey", "key");
        assertInvalidNaming(() -> plenigo.access().createSponsorGrant(null), "sponsorGrant", "grant");
        assertInvalidNaming(() -> plenigo.access().findSponsorGrant(null), "sponsorGrantId", "id");
        assertInvalidNaming(() -> plenigo.access().sponsorReaders(null), "sponsorGrantId", "id");
        assertInvalid(() -> plenigo.access().billableUsers(null, true), "month");
        assertInvalid(() -> plenigo.purchases().buy(null, dayPass, key), "customerId");
        assertInvalid(() -> plenigo.purchases().buy(reader, null, key), "offerId");
        assertInvalidNaming(() -> plenigo.purchases().buy(reader, dayPass, null), "idempotencyKey", "key");
        assertInvalid(() -> plenigo.access().blockCustomer(null), "customerId");
        assertInvalid(() -> plenigo.access().unblockCustomer(null), "customerId");
        assertInvalid(() -> plenigo.catalog().createCreditProduct(null), "creditProduct");
        assertInvalid(() -> plenigo.access().unlock(reader, article, Collections.singletonList(null), key));

        assertUnchangedSince(before);
        assertThat(plenigo.access().findItem(id)).contains(item);
    }

    @Test
    void malformedRequestsAreRefusedNamingTheFieldAndTheValue() {
        Instant now = clock.instant();
        assertInvalid(() -> AccessCheck.of(ContentId.of("a1"), premium).withIpAddress("localhost"),
                "check.ipAddress", "localhost");
        assertInvalid(() -> AccessCheck.of(ContentId.of("a1"), premium).withIpAddress("192.0.2.256"),
                "check.ipAddress", "192.0.2.256");
        assertInvalid(() -> AccessCheck.of(ContentId.of("a1"), premium).withSponsorCode(" "), "check.sponsorCode");
        assertInvalid(() -> AccessCheck.of(null, premium), "check.contentId");
        assertInvalid(() -> AccessCheck.of(ContentId.of("a1"), (AccessRightId[]) null), "check.requiredRights");
        assertInvalid(() -> AccessCheck.of(ContentId.of("a1"), rights(101)), "check.requiredRights", "100");
        assertInvalid(() -> VisitorId.of("has space"), "visitorId", "has space");
        assertInvalid(() -> ContentId.of(""), "contentId");
        assertInvalid(() -> new GrantAccess(reader, premium, AccessSource.SINGLE_PURCHASE, now, Optional.empty(),
                "ref", newKey()), "grant.source", "SINGLE_PURCHASE");
        assertInvalid(() -> GrantAccess.external(reader, premium, now, Optional.of(now), "ref", newKey()),
                "grant.endsAt");
        assertInvalid(() -> GrantAccess.external(reader, premium, now, Optional.empty(), " ", newKey()),
                "grant.reference");
        assertInvalid(() -> GrantAccess.external(reader, premium, now, Optional.of(Instant.parse("+10000-01-01T00:00:00Z")),
                "ref", newKey()), "grant.endsAt", "+10000-01-01T00:00:00Z");
        assertInvalid(() -> GrantAccess.external(reader, premium, Instant.MIN, Optional.empty(), "ref", newKey()),
                "grant.startsAt");
        assertInvalid(() -> AccessRightItem.forRight(AccessRightItemId.of("item-far"), reader, premium,
                AccessSource.EXTERNAL, now, Optional.of(Instant.MAX), Optional.empty()), "accessRightItem.endsAt");
        assertInvalid(() -> new MeterRule(-1, 3, IntervalUnit.DAY, MeterAlignment.CALENDAR), "meter.anonymousViews",
                "-1");
        assertInvalid(() -> new MeterRule(1, 10_001, IntervalUnit.DAY, MeterAlignment.CALENDAR),
                "meter.registeredViews", "10001");
        assertInvalid(() -> CreditProduct.webinarSeries(CreditProductId.of("p-w"), "Webinar", articles, 4,
                List.of(ContentId.of("s1")), 1), "creditProduct.contents");
        assertInvalid(() -> CreditProduct.webinarSeries(CreditProductId.of("p-w"), "Webinar", articles, 4,
                List.of(ContentId.of("s1"), ContentId.of("s2")), 3), "creditProduct.picks", "3");
        assertInvalid(() -> CreditProduct.article(CreditProductId.of("p-a"), "Article", articles, 0,
                ContentId.of("a1")), "creditProduct.credits", "0");
        assertInvalid(() -> Offer.timeBased(OfferId.of("o"), "O", monthlyContract(), Set.of()),
                "offer.accessRights");
        assertInvalid(() -> new Offer(OfferId.of("o"), "O", OfferType.TIME_BASED_SUBSCRIPTION,
                monthlyContract(), Optional.empty(), Optional.empty(), Set.of(premium), Optional.of(Interval.days(3))),
                "offer.accessDuration");
        assertInvalid(() -> new SponsorGrant(SponsorGrantId.of("s"), "S", Set.of(), Set.of(), Set.of("example.com"),
                List.of(), Set.of(), now, Optional.empty(), OptionalLong.empty()), "accessRights", "contents");
        assertInvalid(() -> new SponsorGrant(SponsorGrantId.of("s"), "S", Set.of(premium), Set.of(), Set.of(),
                List.of(), Set.of(), now, Optional.empty(), OptionalLong.empty()), "emailDomains", "ipRanges", "codes");
        assertInvalid(() -> new SponsorGrant(SponsorGrantId.of("s"), "S", Set.of(premium), Set.of(),
                Set.of("Example.COM"), List.of(), Set.of(), now, Optional.empty(), OptionalLong.empty()),
                "sponsorGrant.emailDomains", "Example.COM");
        assertInvalid(() -> new SponsorGrant(SponsorGrantId.of("s"), "S", Set.of(premium), Set.of(), Set.of(),
                List.of(), Set.of("a b"), now, Optional.empty(), OptionalLong.empty()), "sponsorGrant.codes", "a b");
        assertInvalid(() -> new SponsorGrant(SponsorGrantId.of("s"), "S", Set.of(premium), Set.of(), Set.of(),
                List.of(IpRange.parse("192.0.2.0/24")), Set.of(), now, Optional.of(now), OptionalLong.empty()),
                "sponsorGrant.validUntil");
        assertInvalid(() -> new SponsorGrant(SponsorGrantId.of("s"), "S", Set.of(premium), Set.of(), Set.of(),
                List.of(IpRange.parse("192.0.2.0/24")), Set.of(), now, Optional.empty(), OptionalLong.of(0)),
                "sponsorGrant.readerBudget", "0");
    }

    @Test
    void unknownIdsAreRefusedAndNothingIsStored() {
        CustomerId nobody = CustomerId.of("nobody");
        AccessRightItemId noItem = AccessRightItemId.of("no-such-item");
        State before = state();

        assertNotFound(() -> plenigo.access().unlock(reader, CreditProductId.of("no-such-product"), List.of(),
                newKey()), "credit product", "no-such-product");
        assertNotFound(() -> plenigo.access().unlock(nobody, article, List.of(), newKey()), "customer", "nobody");
        assertNotFound(() -> plenigo.purchases().buy(reader, OfferId.of("no-such-offer"), newKey()), "offer",
                "no-such-offer");
        assertNotFound(() -> plenigo.purchases().buy(nobody, dayPass, newKey()), "customer", "nobody");
        assertNotFound(() -> plenigo.subscriptions().subscribe(nobody, monthly, newKey()), "customer", "nobody");
        assertNotFound(() -> plenigo.access().grant(GrantAccess.external(nobody, premium, clock.instant(),
                Optional.empty(), "print-1", newKey())), "customer", "nobody");
        assertNotFound(() -> plenigo.access().grant(GrantAccess.external(reader, AccessRightId.of("no-such-right"),
                clock.instant(), Optional.empty(), "print-1", newKey())), "access right", "no-such-right");
        assertNotFound(() -> plenigo.access().revoke(noItem), "no-such-item");
        assertNotFound(() -> plenigo.access().block(noItem), "no-such-item");
        assertNotFound(() -> plenigo.access().unblock(noItem), "no-such-item");
        assertNotFound(() -> plenigo.access().blockCustomer(nobody), "customer", "nobody");
        assertNotFound(() -> plenigo.catalog().createCreditProduct(CreditProduct.article(CreditProductId.of("p-x"),
                "X", WalletId.of("no-such-wallet"), 1, ContentId.of("x"))), "wallet", "no-such-wallet");

        assertThat(plenigo.access().findItem(noItem)).isEmpty();
        assertThat(plenigo.access().findSponsorGrant(SponsorGrantId.of("no-such-grant"))).isEmpty();
        assertThat(plenigo.access().items(nobody)).isEmpty();
        assertThat(plenigo.catalog().findCreditProduct(CreditProductId.of("p-x"))).isEmpty();
        assertUnchangedSince(before);
    }

    @Test
    void aKeyReusedForOtherContentIsRefusedAndTheFirstResultKept() {
        IdempotencyKey key = key("reused");
        AccessRightId epaper = hardRight("epaper");
        AccessRightItem granted = plenigo.access().grant(GrantAccess.external(reader, premium, clock.instant(),
                Optional.empty(), "print-1", key));

        assertRefused(() -> plenigo.access().grant(GrantAccess.external(reader, epaper, clock.instant(),
                Optional.empty(), "print-1", key)), ConflictException.class, ErrorCode.IDEMPOTENCY_KEY_REUSED);

        IdempotencyKey unlockKey = key("unlock-reused");
        plenigo.access().unlock(reader, article, List.of(), unlockKey);
        CreditProductId other = plenigo.catalog().createCreditProduct(CreditProduct.article(
                CreditProductId.of("p-other"), "Other", articles, 1, ContentId.of("article-2"))).id();
        assertRefused(() -> plenigo.access().unlock(reader, other, List.of(), unlockKey), ConflictException.class,
                ErrorCode.IDEMPOTENCY_KEY_REUSED);

        IdempotencyKey buyKey = key("buy-reused");
        plenigo.purchases().buy(reader, dayPass, buyKey);
        OfferId forEver = singlePurchaseOffer("for-ever", Optional.empty(), premium);
        assertRefused(() -> plenigo.purchases().buy(reader, forEver, buyKey), ConflictException.class,
                ErrorCode.IDEMPOTENCY_KEY_REUSED);

        assertThat(plenigo.access().items(reader)).hasSize(4).contains(granted)
                .noneMatch(i -> i.accessRightId().equals(Optional.of(epaper)))
                .noneMatch(i -> i.contentId().equals(Optional.of(ContentId.of("article-2"))))
                .filteredOn(i -> i.source() == AccessSource.SINGLE_PURCHASE)
                .allSatisfy(i -> assertThat(i.endsAt()).isPresent());
        assertThat(balance(reader, articles)).isEqualTo(7);
        assertThat(charges(reader)).hasSize(1);
    }

    @Test
    void takenIdsAreRefusedAndTheOriginalKept() {
        SponsorGrant grant = plenigo.access().createSponsorGrant(new SponsorGrant(SponsorGrantId.of("university"),
                "University", Set.of(premium), Set.of(), Set.of("uni-example.de"), List.of(), Set.of(),
                clock.instant(), Optional.empty(), OptionalLong.empty()));

        assertRefused(() -> plenigo.access().createSponsorGrant(new SponsorGrant(grant.id(), "Other", Set.of(premium),
                Set.of(), Set.of(), List.of(), Set.of("OTHER-CODE"), clock.instant(), Optional.empty(),
                OptionalLong.of(1))), ConflictException.class, ErrorCode.ALREADY_EXISTS, "university");
        assertRefused(() -> plenigo.catalog().createCreditProduct(CreditProduct.article(article, "Other", articles, 9,
                ContentId.of("other"))), ConflictException.class, ErrorCode.ALREADY_EXISTS, "p-article");

        assertThat(plenigo.access().findSponsorGrant(grant.id())).contains(grant);
        assertThat(plenigo.catalog().findCreditProduct(article).orElseThrow().credits()).isEqualTo(3);
    }

    // ----- helpers -----

    /** What the fixture customer has: changes to any of it mean something was stored. */
    private record State(List<AccessRightItem> items, List<LedgerEntry> ledger, List<Payment> charges, long balance) {
    }

    private State state() {
        return new State(plenigo.access().items(reader), ledger(reader, articles), charges(reader),
                balance(reader, articles));
    }

    private void assertUnchangedSince(State before) {
        assertThat(state()).isEqualTo(before);
        assertWalletConsistent(reader, articles);
    }

    /** Refused as invalid input, with a message naming the field under one of the names a caller would recognise. */
    private static void assertInvalidNaming(ThrowingCallable call, String... names) {
        assertInvalid(call);
        try {
            call.call();
        } catch (Throwable e) {
            assertThat(e.getMessage()).as("message names the field").containsAnyOf(names);
        }
    }

    private static ProductContractId monthlyContract() {
        return ProductContractId.of("monthly-contract");
    }

    private static AccessRightId[] rights(int count) {
        AccessRightId[] rights = new AccessRightId[count];
        for (int i = 0; i < count; i++) {
            rights[i] = AccessRightId.of("right-" + i);
        }
        return rights;
    }
}
