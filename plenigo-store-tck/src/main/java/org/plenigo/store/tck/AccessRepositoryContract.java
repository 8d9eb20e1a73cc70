package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.CustomerStanding;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.access.Meter;
import org.plenigo.core.access.MeterReading;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.CreditProductKind;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Charge;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.purchase.PurchaseId;
import org.plenigo.core.time.Interval;
import org.plenigo.core.time.IntervalUnit;

/**
 * Contract of the storage ports of access checks and paywall models, as their Javadoc states them:
 * access right items (lifetimes that only shorten, the blocked flag, the orderings, the read of an
 * access check and the holders of a period), meters (views counted once per content and period,
 * never over the limit, periods restarted conditionally), sponsor grants (validity windows, readers
 * never over the budget), credit products, and the access-related parts of offers, access rights,
 * customers and charges. Every write is rolled back with its unit of work; conditional updates hold
 * under concurrency. Instants carry microseconds, the precision every store keeps.
 */
public abstract class AccessRepositoryContract extends StoreContractSupport {
    private static final Instant T = Instant.parse("2025-01-01T08:00:00.123456Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private static final CustomerId C1 = CustomerId.of("c1");
    private static final CustomerId C2 = CustomerId.of("c2");
    private static final CustomerId C3 = CustomerId.of("c3");
    private static final CustomerId C4 = CustomerId.of("c4");
    private static final CustomerId C5 = CustomerId.of("c5");
    private static final AccessRightId PREMIUM = AccessRightId.of("premium");
    private static final AccessRightId EPAPER = AccessRightId.of("epaper");
    private static final AccessRightId PODCAST = AccessRightId.of("podcast");
    private static final ContentId A1 = ContentId.of("article-1");
    private static final ContentId A2 = ContentId.of("article-2");
    private static final ContentId A3 = ContentId.of("article-3");
    private static final ContentId A4 = ContentId.of("article-4");
    private static final WalletId W1 = WalletId.of("w1");
    private static final ProductContractId ACCESS = ProductContractId.of("pc-access");
    private static final ProductContractId CREDITS = ProductContractId.of("pc-credits");
    private static final String READER = "c:c1";
    private static final String VISITOR = "v:visitor-1";

    @BeforeEach
    void insertParents() {
        txRun(() -> {
            store.customers().insert(new Customer(C1, "c1@example.org", "One", "DE", Optional.empty(), false));
            for (CustomerId customer : List.of(C2, C3, C4, C5)) {
                store.customers().insert(Customer.of(customer, customer.value() + "@example.org",
                        "Reader " + customer.value(), "AT"));
            }
            store.accessRights().insert(AccessRight.metered(PREMIUM, "Premium articles",
                    new MeterRule(3, 10, IntervalUnit.MONTH, MeterAlignment.CALENDAR)));
            store.accessRights().insert(new AccessRight(EPAPER, "E-paper"));
            store.accessRights().insert(new AccessRight(PODCAST, "Podcasts"));
            store.wallets().insert(Wallet.of(W1, "Article credits", Money.of("0.50", "EUR")));
            store.productContracts().insert(ProductContract.timeBased(ACCESS, "Monthly access",
                    Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
            store.productContracts().insert(ProductContract.creditBased(CREDITS, "5 credits",
                    Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
        });
    }

    // ----- access right items -----

    @Test
    void itemsAreInsertedOnceAndFoundExactlyAsStored() {
        AccessRightItem subscribed = item("item-a", C1, PREMIUM, AccessSource.TIME_BASED_SUBSCRIPTION, T,
                Optional.of(T.plus(Duration.ofDays(31)).plus(MICRO)), Optional.of("s-4711"));
        AccessRightItem unlocked = AccessRightItem.forContent(AccessRightItemId.of("item-b"), C1, A1,
                AccessSource.CREDIT_UNLOCK, T.plus(MICRO), Optional.empty(), Optional.empty());
        AccessRightItem blockedExternal = new AccessRightItem(AccessRightItemId.of("item-c"), C2,
                Optional.of(EPAPER), Optional.empty(), AccessSource.EXTERNAL, T.minus(Duration.ofDays(400)),
                Optional.empty(), true, Optional.of("print-subscription 123/456"));
        AccessRightItem purchased = item("item-d", C2, PODCAST, AccessSource.SINGLE_PURCHASE, T,
                Optional.of(T), Optional.of("p-1"));
        AccessRightItem sponsored = new AccessRightItem(AccessRightItemId.of("item-e"), C3, Optional.empty(),
                Optional.of(A2), AccessSource.SPONSOR, T, Optional.of(T.plus(DAY)), true, Optional.of("g-1"));
        List<AccessRightItem> all = List.of(subscribed, unlocked, blockedExternal, purchased, sponsored);

        for (AccessRightItem item : all) {
            assertThat(tx(() -> store.accessRightItems().insert(item))).as("insert %s", item.id()).isTrue();
        }
        AccessRightItem sameId = AccessRightItem.forContent(subscribed.id(), C2, A3, AccessSource.CREDIT_UNLOCK,
                T.plus(DAY), Optional.empty(), Optional.empty());
        assertThat(tx(() -> store.accessRightItems().insert(sameId))).as("same id").isFalse();

        for (AccessRightItem item : all) {
            assertThat(tx(() -> store.accessRightItems().find(item.id()))).as("find %s", item.id()).contains(item);
        }
        assertThat(tx(() -> store.accessRightItems().find(AccessRightItemId.of("missing")))).isEmpty();
        assertThat(tx(() -> store.accessRightItems().findByCustomer(C2))).containsExactly(blockedExternal, purchased);
    }

    @Test
    void endOnlyShortensTheLifetime() {
        AccessRightItem open = item("item-a", C1, PREMIUM, AccessSource.SINGLE_PURCHASE, T, Optional.empty(),
                Optional.of("p-1"));
        txRun(() -> store.accessRightItems().insert(open));
        Instant tenDays = T.plus(Duration.ofDays(10));

        assertThat(tx(() -> store.accessRightItems().end(open.id(), tenDays))).as("open item").isTrue();
        assertThat(find(open.id())).isEqualTo(endingAt(open, tenDays));

        assertThat(tx(() -> store.accessRightItems().end(open.id(), tenDays.plus(MICRO)))).as("later end").isFalse();
        assertThat(tx(() -> store.accessRightItems().end(open.id(), tenDays))).as("same end").isFalse();
        assertThat(find(open.id())).isEqualTo(endingAt(open, tenDays));

        assertThat(tx(() -> store.accessRightItems().end(open.id(), tenDays.minus(MICRO)))).as("earlier end")
                .isTrue();
        assertThat(find(open.id())).isEqualTo(endingAt(open, tenDays.minus(MICRO)));

        assertThat(tx(() -> store.accessRightItems().end(open.id(), T.minus(DAY)))).as("end before the start")
                .isTrue();
        assertThat(find(open.id())).as("ended at its start").isEqualTo(endingAt(open, T));
        assertThat(tx(() -> store.accessRightItems().end(open.id(), T.minus(DAY)))).as("already ended at its start")
                .isFalse();
        assertThat(tx(() -> store.accessRightItems().end(open.id(), T))).isFalse();
        assertThat(find(open.id())).isEqualTo(endingAt(open, T));

        assertThat(tx(() -> store.accessRightItems().end(AccessRightItemId.of("missing"), T))).isFalse();
        assertThat(tx(() -> store.accessRightItems().find(AccessRightItemId.of("missing")))).isEmpty();
    }

    @Test
    void endKeepsEveryOtherFieldAndTouchesNoOtherItem() {
        AccessRightItem blocked = new AccessRightItem(AccessRightItemId.of("item-a"), C1, Optional.empty(),
                Optional.of(A1), AccessSource.CREDIT_UNLOCK, T, Optional.of(T.plus(Duration.ofDays(30))), true,
                Optional.of("cp-1"));
        AccessRightItem other = item("item-b", C1, PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(),
                Optional.empty());
        txRun(() -> {
            store.accessRightItems().insert(blocked);
            store.accessRightItems().insert(other);
        });

        assertThat(tx(() -> store.accessRightItems().end(blocked.id(), T.plus(DAY)))).isTrue();

        assertThat(find(blocked.id())).isEqualTo(endingAt(blocked, T.plus(DAY)));
        assertThat(find(other.id())).isEqualTo(other);
    }

    @Test
    void setBlockedSetsTheFlagAndSaysWhetherTheItemExists() {
        AccessRightItem item = item("item-a", C1, PREMIUM, AccessSource.TIME_BASED_SUBSCRIPTION, T,
                Optional.of(T.plus(Duration.ofDays(31))), Optional.of("s-1"));
        AccessRightItem other = item("item-b", C1, EPAPER, AccessSource.TIME_BASED_SUBSCRIPTION, T,
                Optional.empty(), Optional.of("s-1"));
        txRun(() -> {
            store.accessRightItems().insert(item);
            store.accessRightItems().insert(other);
        });

        assertThat(tx(() -> store.accessRightItems().setBlocked(item.id(), true))).isTrue();
        assertThat(find(item.id())).isEqualTo(blocked(item, true));
        assertThat(tx(() -> store.accessRightItems().setBlocked(item.id(), true))).as("already blocked: it exists")
                .isTrue();
        assertThat(find(item.id())).isEqualTo(blocked(item, true));
        assertThat(find(other.id())).isEqualTo(other);

        assertThat(tx(() -> store.accessRightItems().setBlocked(item.id(), false))).isTrue();
        assertThat(find(item.id())).isEqualTo(item);
        assertThat(tx(() -> store.accessRightItems().setBlocked(item.id(), false))).isTrue();
        assertThat(tx(() -> store.accessRightItems().setBlocked(AccessRightItemId.of("missing"), true))).isFalse();
        assertThat(tx(() -> store.accessRightItems().find(AccessRightItemId.of("missing")))).isEmpty();
    }

    @Test
    void findByCustomerListsAllItemsOfTheCustomerByStartThenId() {
        AccessRightItem later = item("item-a", C1, PREMIUM, AccessSource.EXTERNAL, T.plus(DAY), Optional.empty(),
                Optional.empty());
        AccessRightItem earliestC = item("item-c", C1, EPAPER, AccessSource.EXTERNAL, T,
                Optional.of(T.plus(MICRO)), Optional.empty());
        AccessRightItem earliestB = AccessRightItem.forContent(AccessRightItemId.of("item-b"), C1, A1,
                AccessSource.CREDIT_UNLOCK, T, Optional.empty(), Optional.empty());
        AccessRightItem oneMicroLater = item("item-0", C1, PODCAST, AccessSource.EXTERNAL, T.plus(MICRO),
                Optional.empty(), Optional.empty());
        AccessRightItem ended = item("item-d", C1, PREMIUM, AccessSource.SINGLE_PURCHASE, T.minus(Duration.ofDays(90)),
                Optional.of(T.minus(Duration.ofDays(60))), Optional.empty());
        AccessRightItem otherCustomer = item("item-e", C2, PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(),
                Optional.empty());
        txRun(() -> List.of(later, otherCustomer, earliestC, oneMicroLater, ended, earliestB)
                .forEach(store.accessRightItems()::insert));

        assertThat(tx(() -> store.accessRightItems().findByCustomer(C1)))
                .containsExactly(ended, earliestB, earliestC, oneMicroLater, later);
        assertThat(tx(() -> store.accessRightItems().findByCustomer(C2))).containsExactly(otherCustomer);
        assertThat(tx(() -> store.accessRightItems().findByCustomer(C3))).isEmpty();
        assertThat(tx(() -> store.accessRightItems().findByCustomer(CustomerId.of("nobody")))).isEmpty();

        txRun(() -> {
            store.accessRightItems().end(later.id(), T.plus(Duration.ofDays(2)));
            store.accessRightItems().setBlocked(earliestC.id(), true);
        });
        assertThat(tx(() -> store.accessRightItems().findByCustomer(C1))).as("changed items in their place")
                .containsExactly(ended, earliestB, blocked(earliestC, true), oneMicroLater,
                        endingAt(later, T.plus(Duration.ofDays(2))));
    }

    @Test
    void findForCheckOfAnUnknownCustomerIsEmpty() {
        assertThat(read(() -> forCheck(CustomerId.of("nobody"), Set.of(PREMIUM), Set.of(A1), T)))
                .isEqualTo(ForCheck.UNKNOWN);
        assertThat(tx(() -> forCheck(CustomerId.of("nobody"), Set.of(PREMIUM), Set.of(A1), T)))
                .isEqualTo(ForCheck.UNKNOWN);
    }

    @Test
    void findForCheckOfACustomerWithoutItemsIsTheCustomerAlone() {
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();

        assertThat(read(() -> forCheck(C1, Set.of(PREMIUM), Set.of(A1), T)))
                .isEqualTo(ForCheck.of(c1));
    }

    @Test
    void findForCheckReadsTheCustomersItemsForTheRightsOrContentsNotEndedAtTheInstant() {
        Instant at = T.plus(Duration.ofDays(10));
        AccessRightItem open = item("item-open", C1, PREMIUM, AccessSource.TIME_BASED_SUBSCRIPTION, T,
                Optional.empty(), Optional.of("s-1"));
        AccessRightItem endedBefore = item("item-ended", C1, PREMIUM, AccessSource.SINGLE_PURCHASE, T,
                Optional.of(at.minus(MICRO)), Optional.empty());
        AccessRightItem endsExactlyAt = item("item-ends-at", C1, PREMIUM, AccessSource.SINGLE_PURCHASE, T,
                Optional.of(at), Optional.empty());
        AccessRightItem endsJustAfter = item("item-ends-after", C1, PREMIUM, AccessSource.SINGLE_PURCHASE, T,
                Optional.of(at.plus(MICRO)), Optional.empty());
        AccessRightItem future = item("item-future", C1, PREMIUM, AccessSource.EXTERNAL, at.plus(DAY),
                Optional.of(at.plus(Duration.ofDays(30))), Optional.empty());
        AccessRightItem blocked = new AccessRightItem(AccessRightItemId.of("item-blocked"), C1, Optional.of(PREMIUM),
                Optional.empty(), AccessSource.TIME_BASED_SUBSCRIPTION, T.minus(DAY), Optional.empty(), true,
                Optional.of("s-2"));
        AccessRightItem otherRight = item("item-epaper", C1, EPAPER, AccessSource.EXTERNAL, T, Optional.empty(),
                Optional.empty());
        AccessRightItem content = AccessRightItem.forContent(AccessRightItemId.of("item-article-1"), C1, A1,
                AccessSource.CREDIT_UNLOCK, T.plus(DAY), Optional.empty(), Optional.of("cp-1"));
        AccessRightItem otherContent = AccessRightItem.forContent(AccessRightItemId.of("item-article-2"), C1, A2,
                AccessSource.CREDIT_UNLOCK, T, Optional.empty(), Optional.empty());
        AccessRightItem endedContent = AccessRightItem.forContent(AccessRightItemId.of("item-article-3"), C1, A3,
                AccessSource.CREDIT_UNLOCK, T, Optional.of(at), Optional.empty());
        AccessRightItem otherCustomer = item("item-c2", C2, PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(),
                Optional.empty());
        txRun(() -> List.of(otherCustomer, future, content, endsJustAfter, otherContent, blocked, endedBefore,
                endedContent, otherRight, open, endsExactlyAt).forEach(store.accessRightItems()::insert));
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();

        ForCheck access = read(() -> forCheck(C1, Set.of(PREMIUM),
                Set.of(A1, A3), at));

        assertThat(access).isEqualTo(ForCheck.of(c1, blocked, endsJustAfter, open, content, future));
        assertThat(read(() -> forCheck(C1, List.of(EPAPER, PODCAST), List.of(), at)))
                .isEqualTo(ForCheck.of(c1, otherRight));
        assertThat(read(() -> forCheck(C1, List.of(), List.of(A2, A4), at)))
                .isEqualTo(ForCheck.of(c1, otherContent));
        assertThat(read(() -> forCheck(C1, Set.of(), Set.of(), at)))
                .isEqualTo(ForCheck.of(c1));
        assertThat(read(() -> forCheck(C1, Set.of(PODCAST), Set.of(A4), at)))
                .isEqualTo(ForCheck.of(c1));
        assertThat(tx(() -> forCheck(C1, Set.of(PREMIUM), Set.of(A1, A3), at)))
                .as("inside a unit of work too").isEqualTo(access);
        assertThat(read(() -> forCheck(C1, Set.of(PREMIUM), Set.of(A3), T)))
                .as("earlier: items that ended since are included")
                .isEqualTo(ForCheck.of(c1, blocked, endedContent, endedBefore, endsJustAfter,
                        endsExactlyAt, open, future));
    }

    @Test
    void findForCheckStopsPassingItemsOnceAnswerIsFalse() {
        AccessRightItem first = item("item-1", C1, PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(), Optional.empty());
        AccessRightItem second = item("item-2", C1, EPAPER, AccessSource.SINGLE_PURCHASE, T.plus(MICRO),
                Optional.empty(), Optional.empty());
        AccessRightItem third = item("item-3", C1, PREMIUM, AccessSource.TIME_BASED_SUBSCRIPTION, T.plus(DAY),
                Optional.empty(), Optional.empty());
        txRun(() -> List.of(third, first, second).forEach(store.accessRightItems()::insert));
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();

        assertThat(read(() -> ForCheck.read(store.accessRightItems(), C1, List.of(PREMIUM, EPAPER), List.of(), T.plus(DAY),
                0))).isEqualTo(ForCheck.of(c1, first));
        assertThat(read(() -> ForCheck.read(store.accessRightItems(), C1, List.of(PREMIUM, EPAPER), List.of(), T.plus(DAY),
                1))).isEqualTo(ForCheck.of(c1, first, second));
        assertThat(read(() -> ForCheck.read(store.accessRightItems(), C1, List.of(PREMIUM, EPAPER), List.of(), T.plus(DAY),
                3))).isEqualTo(ForCheck.of(c1, first, second, third));
    }

    @Test
    void findForCheckPassesOnlyWhatWasAskedForWhenHashCodesCollide() {
        // "Aa" and "BB" have the same hash code, and so have ids made of them
        AccessRightId aa = AccessRightId.of("Aa");
        AccessRightId bb = AccessRightId.of("BB");
        assertThat(aa.hashCode()).isEqualTo(bb.hashCode());
        AccessRightItem right = item("item-right", C1, aa, AccessSource.EXTERNAL, T, Optional.empty(), Optional.empty());
        AccessRightItem content = AccessRightItem.forContent(AccessRightItemId.of("item-content"), C1,
                ContentId.of("Aa"), AccessSource.CREDIT_UNLOCK, T, Optional.empty(), Optional.empty());
        txRun(() -> {
            store.accessRights().insert(new AccessRight(aa, "Aa"));
            store.accessRights().insert(new AccessRight(bb, "BB"));
            store.accessRightItems().insert(right);
            store.accessRightItems().insert(content);
        });
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();

        assertThat(read(() -> forCheck(C1, Set.of(bb), Set.of(ContentId.of("BB")), T))).isEqualTo(ForCheck.of(c1));
        assertThat(read(() -> forCheck(C1, Set.of(AccessRightId.of("Aa")), Set.of(ContentId.of("BB")), T)))
                .isEqualTo(ForCheck.of(c1, right));
        assertThat(read(() -> forCheck(C1, Set.of(bb), Set.of(ContentId.of("Aa")), T)))
                .isEqualTo(ForCheck.of(c1, content));
    }

    @Test
    void findForCheckTellsWhetherTheCustomerIsBlocked() {
        Customer business = new Customer(CustomerId.of("c-business"), "billing@verlag.example", "Verlag GmbH", "DE",
                Optional.of("DE123456789"), false);
        AccessRightItem item = item("item-a", business.id(), PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(),
                Optional.empty());
        txRun(() -> {
            store.customers().insert(business);
            store.accessRightItems().insert(item);
        });

        assertThat(read(() -> forCheck(business.id(), Set.of(PREMIUM), Set.of(), T)))
                .isEqualTo(ForCheck.of(business, item));

        txRun(() -> store.customers().setBlocked(business.id(), true));
        ForCheck blocked = read(() -> forCheck(business.id(),
                Set.of(PREMIUM), Set.of(), T));

        assertThat(blocked).isEqualTo(ForCheck.of(business.withBlocked(true), item));
        assertThat(blocked.standing()).isEqualTo(CustomerStanding.BLOCKED);
    }

    @Test
    void findForCheckInsideAUnitOfWorkSeesItsWritesAndNothingOfThemAfterTheRollback() {
        AccessRightItem item = item("item-a", C1, PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(),
                Optional.empty());
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();
        RuntimeException failure = new RuntimeException("rolled back");
        List<ForCheck> seenInside = new ArrayList<>();

        assertThatThrownBy(() -> txRun(() -> {
            store.accessRightItems().insert(item);
            store.customers().setBlocked(C1, true);
            seenInside.add(read(() -> forCheck(C1, Set.of(PREMIUM), Set.of(), T)));
            throw failure;
        })).isSameAs(failure);

        assertThat(seenInside).containsExactly(ForCheck.of(c1.withBlocked(true), item));
        assertThat(read(() -> forCheck(C1, Set.of(PREMIUM), Set.of(), T)))
                .isEqualTo(ForCheck.of(c1));
    }

    @Test
    void findHoldersListsEachCustomerWithAnItemOverlappingThePeriodOnceById() {
        Instant from = T.plus(Duration.ofDays(10));
        Instant to = T.plus(Duration.ofDays(20));
        txRun(() -> List.of(
                // c5: open since before the period
                item("item-1", C5, PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(), Optional.empty()),
                // c1: one item ends exactly at from, one starts exactly at to: neither overlaps
                item("item-2", C1, PREMIUM, AccessSource.SINGLE_PURCHASE, T, Optional.of(from), Optional.empty()),
                item("item-3", C1, EPAPER, AccessSource.SINGLE_PURCHASE, to, Optional.empty(), Optional.empty()),
                // c2: two items overlapping, listed once; one ends a microsecond into the period
                item("item-4", C2, PREMIUM, AccessSource.SINGLE_PURCHASE, T, Optional.of(from.plus(MICRO)),
                        Optional.empty()),
                item("item-5", C2, EPAPER, AccessSource.EXTERNAL, from.plus(DAY), Optional.of(to.plus(DAY)),
                        Optional.empty()),
                // c3: a blocked content item starting a microsecond before the period ends
                new AccessRightItem(AccessRightItemId.of("item-6"), C3, Optional.empty(), Optional.of(A1),
                        AccessSource.CREDIT_UNLOCK, to.minus(MICRO), Optional.empty(), true, Optional.empty()),
                // c4: ended before, starts after
                item("item-7", C4, PREMIUM, AccessSource.EXTERNAL, T, Optional.of(T.plus(Duration.ofDays(5))),
                        Optional.empty()),
                item("item-8", C4, PREMIUM, AccessSource.EXTERNAL, to.plus(DAY), Optional.empty(), Optional.empty())
        ).forEach(store.accessRightItems()::insert));

        assertThat(tx(() -> store.accessRightItems().findHolders(from, to))).containsExactly(C2, C3, C5);
        assertThat(tx(() -> store.accessRightItems().findHolders(T.minus(Duration.ofDays(30)), T)))
                .as("a period before every item").isEmpty();
        assertThat(tx(() -> store.accessRightItems().findHolders(T, T.plus(MICRO))))
                .containsExactly(C1, C2, C4, C5);
        assertThat(tx(() -> store.accessRightItems().findHolders(to, to.plus(DAY).plus(MICRO))))
                .containsExactly(C1, C2, C3, C4, C5);

        txRun(() -> store.accessRightItems().end(AccessRightItemId.of("item-1"), from));
        assertThat(tx(() -> store.accessRightItems().findHolders(from, to))).containsExactly(C2, C3);
    }

    @Test
    void itemWritesAreRolledBackWithTheirUnitOfWork() {
        AccessRightItem kept = item("item-a", C1, PREMIUM, AccessSource.TIME_BASED_SUBSCRIPTION, T,
                Optional.empty(), Optional.of("s-1"));
        txRun(() -> store.accessRightItems().insert(kept));
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.accessRightItems().insert(item("item-b", C1, PREMIUM, AccessSource.EXTERNAL,
                    T.minus(DAY), Optional.empty(), Optional.empty()))).isTrue();
            assertThat(store.accessRightItems().insert(item("item-c", C2, EPAPER, AccessSource.EXTERNAL, T,
                    Optional.empty(), Optional.empty()))).isTrue();
            assertThat(store.accessRightItems().end(kept.id(), T.plus(DAY))).isTrue();
            assertThat(store.accessRightItems().setBlocked(kept.id(), true)).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.accessRightItems().find(kept.id()))).contains(kept);
        assertThat(tx(() -> store.accessRightItems().find(AccessRightItemId.of("item-b")))).isEmpty();
        assertThat(tx(() -> store.accessRightItems().find(AccessRightItemId.of("item-c")))).isEmpty();
        assertThat(tx(() -> store.accessRightItems().findByCustomer(C1))).containsExactly(kept);
        assertThat(tx(() -> store.accessRightItems().findByCustomer(C2))).isEmpty();
        assertThat(read(() -> forCheck(C1, Set.of(PREMIUM), Set.of(), T.plus(DAY))))
                .isEqualTo(ForCheck.of(c1, kept));
        assertThat(tx(() -> store.accessRightItems().findHolders(T.minus(DAY), T))).isEmpty();
        assertThat(tx(() -> store.accessRightItems().insert(item("item-b", C2, PODCAST, AccessSource.EXTERNAL, T,
                Optional.empty(), Optional.empty())))).as("the rolled-back id is free again").isTrue();
    }

    // ----- meters -----

    @Test
    void metersAreInsertedOnceAndReadAsStored() {
        Meter customers = new Meter(READER, PREMIUM, T, T.plus(Duration.ofDays(31)), 0);
        Meter visitors = new Meter(VISITOR, PREMIUM, T.plus(MICRO), T.plus(Duration.ofDays(7)), 2);
        Meter otherRight = new Meter(READER, EPAPER, T.minus(DAY), T.plus(DAY), 1);

        assertThat(tx(() -> store.meters().insert(customers))).isTrue();
        assertThat(tx(() -> store.meters().insert(visitors))).isTrue();
        assertThat(tx(() -> store.meters().insert(otherRight))).isTrue();
        assertThat(tx(() -> store.meters().insert(new Meter(READER, PREMIUM, T.plus(DAY), T.plus(Duration.ofDays(2)),
                5)))).as("same reader and right").isFalse();

        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1))).contains(new MeterReading(customers, false));
        assertThat(tx(() -> store.meters().read(VISITOR, PREMIUM, A1))).contains(new MeterReading(visitors, false));
        assertThat(tx(() -> store.meters().read(READER, EPAPER, A2))).contains(new MeterReading(otherRight, false));
        assertThat(tx(() -> store.meters().read(VISITOR, EPAPER, A1))).isEmpty();
        assertThat(tx(() -> store.meters().read("v:nobody", PREMIUM, A1))).isEmpty();
    }

    @Test
    void countCountsEachContentOncePerPeriodAndNeverOverTheLimit() {
        Instant start = T;
        Instant end = T.plus(Duration.ofDays(31));
        txRun(() -> store.meters().insert(new Meter(READER, PREMIUM, start, end, 0)));

        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A1, 3))).as("the views with this one")
                .hasValue(1);
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 1), true));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A2)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 1), false));

        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A1, 3))).as("the same content again")
                .isEmpty();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A2, 3))).hasValue(2);
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A3, 3))).hasValue(3);
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A4, 3))).as("over the limit").isEmpty();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A4)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 3), false));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A3)).orElseThrow().contentViewed()).isTrue();

        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A4, 4))).as("the limit is the caller's")
                .hasValue(4);
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A4)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 4), true));
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, ContentId.of("article-5"), 0)))
                .as("a limit of 0").isEmpty();
    }

    @Test
    void countRefusesAStalePeriodStartAndAMissingMeterAndKeepsReadersApart() {
        Instant start = T;
        Instant end = T.plus(Duration.ofDays(31));
        txRun(() -> {
            store.meters().insert(new Meter(READER, PREMIUM, start, end, 0));
            store.meters().insert(new Meter(VISITOR, PREMIUM, start, end, 2));
        });

        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start.minus(MICRO), A1, 3))).as("earlier start")
                .isEmpty();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start.plus(MICRO), A1, 3))).as("later start")
                .isEmpty();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 0), false));
        assertThat(tx(() -> store.meters().count(READER, EPAPER, start, A1, 3))).as("no meter of the right")
                .isEmpty();
        assertThat(tx(() -> store.meters().read(READER, EPAPER, A1))).isEmpty();

        assertThat(tx(() -> store.meters().count(VISITOR, PREMIUM, start, A1, 3))).as("views as inserted count")
                .hasValue(3);
        assertThat(tx(() -> store.meters().count(VISITOR, PREMIUM, start, A2, 3))).isEmpty();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, start, A1, 3))).as("another reader's views")
                .hasValue(1);
        assertThat(tx(() -> store.meters().read(VISITOR, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(VISITOR, PREMIUM, start, end, 3), true));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, start, end, 1), true));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A2)).orElseThrow().contentViewed()).isFalse();
    }

    @Test
    void restartStartsAnEmptyPeriodOnlyFromTheCurrentStartAndForgetsTheViewsBefore() {
        Instant january = T;
        Instant february = T.plus(Duration.ofDays(31));
        Instant march = T.plus(Duration.ofDays(59));
        txRun(() -> {
            store.meters().insert(new Meter(READER, PREMIUM, january, february, 0));
            store.meters().insert(new Meter(READER, EPAPER, january, february, 0));
            store.meters().count(READER, PREMIUM, january, A1, 3);
            store.meters().count(READER, PREMIUM, january, A2, 3);
            store.meters().count(READER, EPAPER, january, A1, 3);
        });

        assertThat(tx(() -> store.meters().restart(READER, PREMIUM, january.plus(MICRO), february, march)))
                .as("stale current start").isFalse();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, january, february, 2), true));

        assertThat(tx(() -> store.meters().restart(READER, PREMIUM, january, february, march))).isTrue();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, february, march, 0), false));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A2)).orElseThrow().contentViewed()).isFalse();
        assertThat(tx(() -> store.meters().read(READER, EPAPER, A1)))
                .as("the reader's meter of another right")
                .contains(new MeterReading(new Meter(READER, EPAPER, january, february, 1), true));

        assertThat(tx(() -> store.meters().restart(READER, PREMIUM, january, february, march)))
                .as("a second restart of the same period").isFalse();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, january, A3, 3))).as("the old period").isEmpty();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, february, A1, 3))).as("read again in a new period")
                .isPresent();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)))
                .contains(new MeterReading(new Meter(READER, PREMIUM, february, march, 1), true));

        assertThat(tx(() -> store.meters().restart(VISITOR, PREMIUM, january, february, march))).as("no meter")
                .isFalse();
        assertThat(tx(() -> store.meters().read(VISITOR, PREMIUM, A1))).isEmpty();
    }

    @Test
    void meterWritesAreRolledBackWithTheirUnitOfWork() {
        Instant end = T.plus(Duration.ofDays(31));
        txRun(() -> {
            store.meters().insert(new Meter(READER, PREMIUM, T, end, 0));
            store.meters().count(READER, PREMIUM, T, A1, 3);
        });
        MeterReading before = tx(() -> store.meters().read(READER, PREMIUM, A1)).orElseThrow();
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.meters().insert(new Meter(VISITOR, PREMIUM, T, end, 0))).isTrue();
            assertThat(store.meters().count(VISITOR, PREMIUM, T, A1, 3)).isPresent();
            assertThat(store.meters().count(READER, PREMIUM, T, A2, 3)).isPresent();
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.meters().restart(READER, PREMIUM, T, end, end.plus(Duration.ofDays(28)))).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.meters().read(VISITOR, PREMIUM, A1))).isEmpty();
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1))).contains(before);
        assertThat(before).isEqualTo(new MeterReading(new Meter(READER, PREMIUM, T, end, 1), true));
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A2)).orElseThrow().contentViewed()).isFalse();
        assertThat(tx(() -> store.meters().count(READER, PREMIUM, T, A2, 2))).as("the rolled-back view is free again")
                .isPresent();
    }

    @Test
    void concurrentCountsOfDistinctContentsNeverExceedTheLimit() throws Exception {
        Instant end = T.plus(Duration.ofDays(31));
        txRun(() -> store.meters().insert(new Meter(READER, PREMIUM, T, end, 0)));

        List<Boolean> counted = inParallel(8, thread -> () -> retryingLostRaces(() ->
                tx(() -> store.meters().count(READER, PREMIUM, T, ContentId.of("article-" + thread), 3)).isPresent()));

        assertThat(counted).filteredOn(Boolean::booleanValue).hasSize(3);
        assertThat(tx(() -> store.meters().read(READER, PREMIUM, A1)).orElseThrow().meter().views()).isEqualTo(3);
        long viewed = 0;
        for (int thread = 0; thread < 8; thread++) {
            ContentId content = ContentId.of("article-" + thread);
            boolean seen = tx(() -> store.meters().read(READER, PREMIUM, content)).orElseThrow().contentViewed();
            assertThat(seen).as("%s counted exactly when viewed", content).isEqualTo(counted.get(thread));
            viewed += seen ? 1 : 0;
        }
        assertThat(viewed).isEqualTo(3);
    }

    // ----- sponsor grants -----

    @Test
    void sponsorGrantsAreInsertedOnceAndFoundExactlyAsStored() {
        SponsorGrant full = new SponsorGrant(SponsorGrantId.of("g-full"), "Universität Beispiel",
                Set.of(PREMIUM, EPAPER), Set.of(A1, A2), Set.of("uni.example", "library.example.org"),
                List.of(IpRange.parse("2001:db8::/32"), IpRange.parse("192.0.2.0/24"),
                        IpRange.parse("198.51.100.7")),
                Set.of("CAMPUS-2025", "welcome_1"), T, Optional.of(T.plus(Duration.ofDays(365)).plus(MICRO)),
                OptionalLong.of(250));
        SponsorGrant minimal = new SponsorGrant(SponsorGrantId.of("g-minimal"), "Bank AG", Set.of(), Set.of(A3),
                Set.of(), List.of(), Set.of("BANK"), T.plus(MICRO), Optional.empty(), OptionalLong.empty());
        SponsorGrant byIp = new SponsorGrant(SponsorGrantId.of("g-ip"), "Library", Set.of(PODCAST), Set.of(),
                Set.of(), List.of(IpRange.parse("203.0.113.0/25")), Set.of(), T, Optional.empty(),
                OptionalLong.of(1));

        assertThat(tx(() -> store.sponsorGrants().insert(full))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().insert(minimal))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().insert(byIp))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().insert(new SponsorGrant(full.id(), "Other", Set.of(EPAPER),
                Set.of(), Set.of("other.example"), List.of(), Set.of(), T, Optional.empty(), OptionalLong.empty()))))
                .as("same id").isFalse();

        assertThat(tx(() -> store.sponsorGrants().find(full.id()))).contains(full);
        assertThat(tx(() -> store.sponsorGrants().find(full.id())).orElseThrow().ipRanges())
                .as("ranges in their order").containsExactlyElementsOf(full.ipRanges());
        assertThat(tx(() -> store.sponsorGrants().find(minimal.id()))).contains(minimal);
        assertThat(tx(() -> store.sponsorGrants().find(byIp.id()))).contains(byIp);
        assertThat(tx(() -> store.sponsorGrants().find(SponsorGrantId.of("missing")))).isEmpty();
    }

    @Test
    void findForListsTheGrantsValidAtTheInstantThatNameARightOrAContentById() {
        Instant until = T.plus(Duration.ofDays(30));
        SponsorGrant premium = grant("g-c", Set.of(PREMIUM), Set.of(), T, Optional.of(until));
        SponsorGrant article = grant("g-a", Set.of(), Set.of(A1), T, Optional.empty());
        SponsorGrant both = grant("g-b", Set.of(PREMIUM, EPAPER), Set.of(A1, A2), T.minus(DAY), Optional.empty());
        SponsorGrant epaper = grant("g-d", Set.of(EPAPER), Set.of(), T, Optional.empty());
        SponsorGrant later = grant("g-e", Set.of(PREMIUM), Set.of(), until, Optional.empty());
        SponsorGrant over = grant("g-f", Set.of(PREMIUM), Set.of(A1), T.minus(Duration.ofDays(60)), Optional.of(T));
        txRun(() -> List.of(later, both, over, premium, epaper, article).forEach(store.sponsorGrants()::insert));

        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(A1), T)))
                .as("at T: over has ended, later has not begun").containsExactly(article, both, premium);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(), T.minus(MICRO))))
                .containsExactly(both, over);
        assertThat(tx(() -> store.sponsorGrants().findFor(List.of(PREMIUM), List.of(), until.minus(MICRO))))
                .containsExactly(both, premium);
        assertThat(tx(() -> store.sponsorGrants().findFor(List.of(PREMIUM), List.of(), until)))
                .as("validUntil is exclusive, validFrom inclusive").containsExactly(both, later);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(), Set.of(A2), T))).containsExactly(both);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(EPAPER), Set.of(A2), T)))
                .containsExactly(both, epaper);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PODCAST), Set.of(A3), T))).isEmpty();
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(), Set.of(), T))).isEmpty();
    }

    @Test
    void endAtBringsAGrantsEndForwardOnlyAndFindForFollows() {
        Instant until = T.plus(Duration.ofDays(30));
        SponsorGrant open = grant("g-a", Set.of(PREMIUM), Set.of(A1), T, Optional.empty());
        SponsorGrant bounded = grant("g-b", Set.of(PREMIUM), Set.of(), T, Optional.of(until));
        txRun(() -> List.of(open, bounded).forEach(store.sponsorGrants()::insert));
        Instant end = T.plus(Duration.ofDays(10)).plus(MICRO);
        SponsorGrant ended = open.withValidUntil(end);

        assertThat(tx(() -> store.sponsorGrants().endAt(open.id(), end))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().find(open.id()))).contains(ended);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(), end.minus(MICRO))))
                .containsExactly(ended, bounded);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(), Set.of(A1), end.minus(MICRO))))
                .as("found by content as by right").containsExactly(ended);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(A1), end))).containsExactly(bounded);

        assertThat(tx(() -> store.sponsorGrants().endAt(open.id(), end.plus(DAY)))).as("never extended").isFalse();
        assertThat(tx(() -> store.sponsorGrants().endAt(open.id(), end))).as("the same end again").isFalse();
        assertThat(tx(() -> store.sponsorGrants().endAt(bounded.id(), until.plus(MICRO)))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().endAt(bounded.id(), T))).as("not after its start").isFalse();
        assertThat(tx(() -> store.sponsorGrants().endAt(SponsorGrantId.of("missing"), end))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().find(open.id()))).contains(ended);
        assertThat(tx(() -> store.sponsorGrants().find(bounded.id()))).contains(bounded);

        RuntimeException failure = new RuntimeException("rolled back");
        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.sponsorGrants().endAt(bounded.id(), T.plus(DAY))).isTrue();
            throw failure;
        })).isSameAs(failure);
        assertThat(tx(() -> store.sponsorGrants().find(bounded.id()))).contains(bounded);
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(), T.plus(DAY))))
                .containsExactly(ended, bounded);

        assertThat(tx(() -> store.sponsorGrants().endAt(open.id(), T.plus(DAY)))).as("earlier again").isTrue();
        assertThat(tx(() -> store.sponsorGrants().find(open.id()))).contains(open.withValidUntil(T.plus(DAY)));
    }

    @Test
    void admitReaderAdmitsDistinctReadersUpToTheBudget() {
        SponsorGrant grant = budgeted("g-a", 2);
        SponsorGrant other = budgeted("g-b", 1);
        txRun(() -> {
            store.sponsorGrants().insert(grant);
            store.sponsorGrants().insert(other);
        });

        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isZero();
        assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), READER))).isFalse();

        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), READER, 2))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), READER))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(1);
        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), READER, 2))).as("the same reader again")
                .isFalse();
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(1);

        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), VISITOR, 2))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), "c:c3", 2))).as("over the budget")
                .isFalse();
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(2);
        assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), VISITOR))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), "c:c3"))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().admitReader(grant.id(), READER, 5)))
                .as("admitted before, whatever the budget").isFalse();

        assertThat(tx(() -> store.sponsorGrants().hasReader(other.id(), READER))).as("readers are per grant")
                .isFalse();
        assertThat(tx(() -> store.sponsorGrants().readers(other.id()))).isZero();
        assertThat(tx(() -> store.sponsorGrants().admitReader(other.id(), READER, 1))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().admitReader(other.id(), VISITOR, 1))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().readers(other.id()))).isEqualTo(1);
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(2);

        assertThat(tx(() -> store.sponsorGrants().readers(SponsorGrantId.of("missing")))).isZero();
        assertThat(tx(() -> store.sponsorGrants().hasReader(SponsorGrantId.of("missing"), READER))).isFalse();
    }

    @Test
    void sponsorGrantWritesAreRolledBackWithTheirUnitOfWork() {
        SponsorGrant kept = budgeted("g-a", 3);
        txRun(() -> {
            store.sponsorGrants().insert(kept);
            store.sponsorGrants().admitReader(kept.id(), READER, 3);
        });
        SponsorGrant doomed = grant("g-b", Set.of(PREMIUM), Set.of(A1), T, Optional.empty());
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.sponsorGrants().insert(doomed)).isTrue();
            assertThat(store.sponsorGrants().admitReader(kept.id(), VISITOR, 3)).isTrue();
            assertThat(store.sponsorGrants().admitReader(doomed.id(), VISITOR, 3)).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.sponsorGrants().find(doomed.id()))).isEmpty();
        assertThat(tx(() -> store.sponsorGrants().findFor(Set.of(PREMIUM), Set.of(A1), T))).containsExactly(kept);
        assertThat(tx(() -> store.sponsorGrants().readers(kept.id()))).isEqualTo(1);
        assertThat(tx(() -> store.sponsorGrants().hasReader(kept.id(), VISITOR))).isFalse();
        assertThat(tx(() -> store.sponsorGrants().hasReader(kept.id(), READER))).isTrue();
        assertThat(tx(() -> store.sponsorGrants().readers(doomed.id()))).isZero();
        assertThat(tx(() -> store.sponsorGrants().admitReader(kept.id(), VISITOR, 2))).as("its place is free again")
                .isTrue();
    }

    @Test
    void concurrentAdmissionsNeverExceedTheBudget() throws Exception {
        SponsorGrant grant = budgeted("g-a", 5);
        txRun(() -> store.sponsorGrants().insert(grant));

        List<Boolean> admitted = inParallel(8, thread -> () -> retryingLostRaces(() ->
                tx(() -> store.sponsorGrants().admitReader(grant.id(), "v:visitor-" + thread, 5))));

        assertThat(admitted).filteredOn(Boolean::booleanValue).hasSize(5);
        assertThat(tx(() -> store.sponsorGrants().readers(grant.id()))).isEqualTo(5);
        for (int thread = 0; thread < 8; thread++) {
            String reader = "v:visitor-" + thread;
            assertThat(tx(() -> store.sponsorGrants().hasReader(grant.id(), reader))).as(reader)
                    .isEqualTo(admitted.get(thread));
        }
    }

    // ----- credit products -----

    @Test
    void creditProductsAreInsertedOnceAndFoundAsStoredWithTheirContentsInOrder() {
        CreditProduct article = CreditProduct.article(CreditProductId.of("cp-article"), "Long read", W1, 3, A1);
        CreditProduct issue = CreditProduct.issue(CreditProductId.of("cp-issue"), "Issue 12/2025", W1, 12,
                ContentId.of("issue-2025-12"));
        List<ContentId> sessions = List.of(ContentId.of("session-c"), ContentId.of("session-a"),
                ContentId.of("session-d"), ContentId.of("session-b"));
        CreditProduct series = CreditProduct.webinarSeries(CreditProductId.of("cp-series"), "Webinars", W1, 20,
                sessions, 2);

        assertThat(tx(() -> store.creditProducts().insert(article))).isTrue();
        assertThat(tx(() -> store.creditProducts().insert(issue))).isTrue();
        assertThat(tx(() -> store.creditProducts().insert(series))).isTrue();
        assertThat(tx(() -> store.creditProducts().insert(CreditProduct.article(article.id(), "Other", W1, 1, A2))))
                .as("same id").isFalse();

        assertThat(tx(() -> store.creditProducts().find(article.id()))).contains(article);
        assertThat(tx(() -> store.creditProducts().find(issue.id()))).contains(issue);
        CreditProduct found = tx(() -> store.creditProducts().find(series.id())).orElseThrow();
        assertThat(found).isEqualTo(series);
        assertThat(found.kind()).isEqualTo(CreditProductKind.WEBINAR_SERIES);
        assertThat(found.contents()).containsExactlyElementsOf(sessions);
        assertThat(found.picks()).isEqualTo(2);
        assertThat(tx(() -> store.creditProducts().find(CreditProductId.of("missing")))).isEmpty();
    }

    @Test
    void creditProductInsertsAreRolledBackWithTheirUnitOfWork() {
        CreditProduct article = CreditProduct.article(CreditProductId.of("cp-article"), "Long read", W1, 3, A1);
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.creditProducts().insert(article)).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.creditProducts().find(article.id()))).isEmpty();
        assertThat(tx(() -> store.creditProducts().insert(article))).isTrue();
    }

    // ----- offers, access rights, customers, charges -----

    @Test
    void findGrantingListsTheOffersGrantingAnyOfTheRightsOnceById() {
        Offer both = Offer.timeBased(OfferId.of("o-c"), "Everything", ACCESS, Set.of(PREMIUM, EPAPER));
        Offer premiumForAMonth = Offer.singlePurchase(OfferId.of("o-a"), "Premium for 30 days", ACCESS,
                Set.of(PREMIUM), Optional.of(Interval.days(30)));
        Offer epaper = Offer.timeBased(OfferId.of("o-b"), "E-paper", ACCESS, Set.of(EPAPER));
        Offer credits = Offer.usageBased(OfferId.of("o-d"), "Credits", CREDITS, W1, TopUpPlan.automatic());
        Offer premiumForEver = Offer.singlePurchase(OfferId.of("o-e"), "Premium for ever", ACCESS, Set.of(PREMIUM),
                Optional.empty());
        txRun(() -> List.of(credits, both, premiumForEver, epaper, premiumForAMonth)
                .forEach(store.offers()::insert));

        assertThat(tx(() -> store.offers().findGranting(Set.of(PREMIUM))))
                .containsExactly(premiumForAMonth.id(), both.id(), premiumForEver.id());
        assertThat(tx(() -> store.offers().findGranting(List.of(EPAPER)))).containsExactly(epaper.id(), both.id());
        assertThat(tx(() -> store.offers().findGranting(List.of(EPAPER, PREMIUM))))
                .containsExactly(premiumForAMonth.id(), epaper.id(), both.id(), premiumForEver.id());
        assertThat(tx(() -> store.offers().findGranting(Set.of(PODCAST)))).isEmpty();
        assertThat(tx(() -> store.offers().findGranting(Set.of(AccessRightId.of("unknown"))))).isEmpty();
        assertThat(tx(() -> store.offers().findGranting(Set.of()))).isEmpty();
    }

    @Test
    void offersKeepTheirAccessDuration() {
        Offer month = Offer.singlePurchase(OfferId.of("o-month"), "Premium for a month", ACCESS, Set.of(PREMIUM),
                Optional.of(Interval.months(1)));
        Offer weeks = new Offer(OfferId.of("o-weeks"), "Two weeks of everything", OfferType.SINGLE_PURCHASE, ACCESS,
                Optional.empty(), Optional.empty(), Set.of(PREMIUM, EPAPER), Optional.of(Interval.weeks(2)));
        Offer forEver = Offer.singlePurchase(OfferId.of("o-ever"), "Premium for ever", ACCESS, Set.of(PREMIUM),
                Optional.empty());
        txRun(() -> List.of(month, weeks, forEver).forEach(store.offers()::insert));

        assertThat(tx(() -> store.offers().find(month.id()))).contains(month);
        assertThat(tx(() -> store.offers().find(weeks.id()))).contains(weeks);
        assertThat(tx(() -> store.offers().find(weeks.id())).orElseThrow().accessDuration())
                .contains(Interval.weeks(2));
        assertThat(tx(() -> store.offers().find(forEver.id()))).contains(forEver);
        assertThat(tx(() -> store.offers().find(forEver.id())).orElseThrow().accessDuration()).isEmpty();
    }

    @Test
    void accessRightsKeepTheirMeter() {
        AccessRight monthly = AccessRight.metered(AccessRightId.of("metered-month"), "Metered monthly",
                new MeterRule(3, 10, IntervalUnit.MONTH, MeterAlignment.CALENDAR));
        AccessRight weekly = AccessRight.metered(AccessRightId.of("metered-week"), "Metered weekly",
                new MeterRule(0, 10_000, IntervalUnit.WEEK, MeterAlignment.ROLLING));
        AccessRight hard = new AccessRight(AccessRightId.of("hard"), "Hard paywall");
        txRun(() -> List.of(monthly, weekly, hard).forEach(store.accessRights()::insert));

        assertThat(tx(() -> store.accessRights().find(monthly.id()))).contains(monthly);
        assertThat(tx(() -> store.accessRights().find(weekly.id()))).contains(weekly);
        assertThat(tx(() -> store.accessRights().find(hard.id()))).contains(hard);
        assertThat(tx(() -> store.accessRights().find(hard.id())).orElseThrow().meter()).isEmpty();
        assertThat(tx(() -> store.accessRights().find(PREMIUM)).orElseThrow().meter())
                .contains(new MeterRule(3, 10, IntervalUnit.MONTH, MeterAlignment.CALENDAR));
    }

    @Test
    void customersKeepTheirBlockedFlagAndSetBlockedSaysWhetherTheCustomerExists() {
        Customer blocked = new Customer(CustomerId.of("c-blocked"), "blocked@example.org", "Blocked", "FR",
                Optional.of("FR12345678901"), true);
        assertThat(tx(() -> store.customers().insert(blocked))).isTrue();
        assertThat(tx(() -> store.customers().find(blocked.id()))).contains(blocked);
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();
        assertThat(c1.blocked()).isFalse();

        assertThat(tx(() -> store.customers().setBlocked(C1, true))).isTrue();
        assertThat(tx(() -> store.customers().find(C1))).contains(c1.withBlocked(true));
        assertThat(tx(() -> store.customers().setBlocked(C1, true))).as("already blocked: it exists").isTrue();
        assertThat(tx(() -> store.customers().find(C2)).orElseThrow().blocked()).isFalse();

        assertThat(tx(() -> store.customers().setBlocked(C1, false))).isTrue();
        assertThat(tx(() -> store.customers().find(C1))).contains(c1);
        assertThat(tx(() -> store.customers().setBlocked(blocked.id(), false))).isTrue();
        assertThat(tx(() -> store.customers().find(blocked.id()))).contains(blocked.withBlocked(false));
        assertThat(tx(() -> store.customers().setBlocked(CustomerId.of("missing"), true))).isFalse();
        assertThat(tx(() -> store.customers().find(CustomerId.of("missing")))).isEmpty();
    }

    @Test
    void catalogAndCustomerWritesOfAccessAreRolledBackWithTheirUnitOfWork() {
        Offer offer = Offer.singlePurchase(OfferId.of("o-a"), "Premium for 30 days", ACCESS, Set.of(PREMIUM),
                Optional.of(Interval.days(30)));
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();
        RuntimeException failure = new RuntimeException("rolled back");

        assertThatThrownBy(() -> txRun(() -> {
            assertThat(store.offers().insert(offer)).isTrue();
            assertThat(store.customers().setBlocked(C1, true)).isTrue();
            throw failure;
        })).isSameAs(failure);

        assertThat(tx(() -> store.offers().find(offer.id()))).isEmpty();
        assertThat(tx(() -> store.offers().findGranting(Set.of(PREMIUM)))).isEmpty();
        assertThat(tx(() -> store.customers().find(C1))).contains(c1);
    }

    @Test
    void chargesForSinglePurchasesAreStoredWithTheirPurchase() {
        Charge later = purchaseCharge("ch-a", "k-1", C1, "p-2", T.plusSeconds(60).plus(MICRO));
        Charge earlierB = purchaseCharge("ch-b", "k-2", C1, "p-1", T);
        Charge earlierC = purchaseCharge("ch-c", "k-3", C1, "p-1", T);
        Charge otherCustomer = purchaseCharge("ch-d", "k-4", C2, "p-3", T.minusSeconds(60));
        for (Charge charge : List.of(later, earlierC, otherCustomer, earlierB)) {
            assertThat(tx(() -> store.charges().insert(charge))).isTrue();
        }
        assertThat(tx(() -> store.charges().insert(purchaseCharge("ch-a", "k-other", C1, "p-9", T)))).as("same id")
                .isFalse();
        assertThat(tx(() -> store.charges().insert(purchaseCharge("ch-other", "k-1", C1, "p-9", T)))).as("same key")
                .isFalse();

        Charge found = tx(() -> store.charges().findByKey(IdempotencyKey.of("k-1"))).orElseThrow();
        assertThat(found).isEqualTo(later);
        assertThat(found.request().purchaseId()).contains(new PurchaseId("p-2"));
        assertThat(found.request().subscriptionId()).isEmpty();
        assertThat(tx(() -> store.charges().findByCustomer(C1))).containsExactly(earlierB, earlierC, later);
        assertThat(tx(() -> store.charges().findByCustomer(C2))).containsExactly(otherCustomer);
    }

    // ----- fixtures -----

    /** Runs {@code work} as the cheap read of the store under test. */
    protected <T> T read(Supplier<T> work) {
        return store.transactions().read(work);
    }

    private ForCheck forCheck(CustomerId customerId, Collection<AccessRightId> accessRights,
                              Collection<ContentId> contents, Instant at) {
        return ForCheck.read(store.accessRightItems(), customerId, accessRights, contents, at);
    }

    private AccessRightItem find(AccessRightItemId id) {
        return tx(() -> store.accessRightItems().find(id)).orElseThrow();
    }

    private static AccessRightItem item(String id, CustomerId customer, AccessRightId right, AccessSource source,
                                        Instant startsAt, Optional<Instant> endsAt, Optional<String> reference) {
        return AccessRightItem.forRight(AccessRightItemId.of(id), customer, right, source, startsAt, endsAt,
                reference);
    }

    private static AccessRightItem endingAt(AccessRightItem item, Instant endsAt) {
        return new AccessRightItem(item.id(), item.customerId(), item.accessRightId(), item.contentId(),
                item.source(), item.startsAt(), Optional.of(endsAt), item.blocked(), item.reference());
    }

    private static AccessRightItem blocked(AccessRightItem item, boolean blocked) {
        return new AccessRightItem(item.id(), item.customerId(), item.accessRightId(), item.contentId(),
                item.source(), item.startsAt(), item.endsAt(), blocked, item.reference());
    }

    /** A grant for readers of {@code example.com}, without a reader budget. */
    private static SponsorGrant grant(String id, Set<AccessRightId> rights, Set<ContentId> contents,
                                      Instant validFrom, Optional<Instant> validUntil) {
        return new SponsorGrant(SponsorGrantId.of(id), "Sponsor " + id, rights, contents, Set.of("example.com"),
                List.of(), Set.of(), validFrom, validUntil, OptionalLong.empty());
    }

    /** A grant of premium and article 1 to holders of a code, for {@code budget} readers. */
    private static SponsorGrant budgeted(String id, long budget) {
        return new SponsorGrant(SponsorGrantId.of(id), "Sponsor " + id, Set.of(PREMIUM), Set.of(A1), Set.of(),
                List.of(), Set.of("CODE-" + id), T, Optional.empty(), OptionalLong.of(budget));
    }

    private static Charge purchaseCharge(String id, String key, CustomerId customer, String purchase, Instant at) {
        return new Charge(ChargeId.of(id), new ChargeRequest(IdempotencyKey.of(key), customer,
                new PurchaseId(purchase), Money.of("2.99", "EUR"), TaxType.DIGITAL_NEWSPAPER,
                "Single purchase " + purchase, at));
    }
}
