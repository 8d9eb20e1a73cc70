package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.CheckItems;
import org.plenigo.core.access.CustomerStanding;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;

/**
 * Contract of the access right item repository port, as its Javadoc states it: lifetimes that only
 * shorten, the blocked flag, the orderings, the read of an access check and the holders of a
 * period. Every write is rolled back with its unit of work. Instants carry microseconds, the
 * precision every store keeps.
 */
public abstract class AccessItemRepositoryContract extends AccessRepositoryFixtures {
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
    void extendOnlyLengthensTheLifetimeOfAnItemThatHasAnEndAndIsSeenByTheCheck() {
        Instant tenDays = T.plus(Duration.ofDays(10));
        AccessRightItem period = item("item-a", C1, PREMIUM, AccessSource.TIME_BASED_SUBSCRIPTION, T,
                Optional.of(tenDays), Optional.of("s-1"));
        AccessRightItem open = item("item-b", C1, PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(),
                Optional.empty());
        txRun(() -> {
            store.accessRightItems().insert(period);
            store.accessRightItems().insert(open);
        });
        Instant twentyDays = T.plus(Duration.ofDays(20));

        assertThat(tx(() -> store.accessRightItems().extend(period.id(), twentyDays))).isTrue();
        assertThat(find(period.id())).isEqualTo(endingAt(period, twentyDays));
        assertThat(tx(() -> store.accessRightItems().extend(period.id(), twentyDays))).as("same end").isFalse();
        assertThat(tx(() -> store.accessRightItems().extend(period.id(), tenDays))).as("earlier end").isFalse();
        assertThat(tx(() -> store.accessRightItems().extend(open.id(), twentyDays))).as("no end").isFalse();
        assertThat(tx(() -> store.accessRightItems().extend(AccessRightItemId.of("missing"), twentyDays))).isFalse();
        assertThat(find(period.id())).isEqualTo(endingAt(period, twentyDays));
        assertThat(find(open.id())).isEqualTo(open);
        assertThat(tx(() -> store.accessRightItems().findForCheck(C1, List.of(PREMIUM), List.of(),
                T.plus(Duration.ofDays(15)))).items()).extracting(CheckItems.Item::source)
                .containsExactlyInAnyOrder(AccessSource.TIME_BASED_SUBSCRIPTION, AccessSource.EXTERNAL);
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
    void findForCheckAnswersTheItemsByStartThenId() {
        AccessRightItem first = item("item-1", C1, PREMIUM, AccessSource.EXTERNAL, T, Optional.empty(), Optional.empty());
        AccessRightItem second = item("item-2", C1, EPAPER, AccessSource.SINGLE_PURCHASE, T, Optional.empty(),
                Optional.empty());
        AccessRightItem third = item("item-3", C1, PREMIUM, AccessSource.TIME_BASED_SUBSCRIPTION, T.plus(MICRO),
                Optional.empty(), Optional.empty());
        AccessRightItem fourth = item("item-0", C1, EPAPER, AccessSource.SPONSOR, T.plus(DAY), Optional.empty(),
                Optional.empty());
        txRun(() -> List.of(fourth, third, second, first).forEach(store.accessRightItems()::insert));
        Customer c1 = tx(() -> store.customers().find(C1)).orElseThrow();

        assertThat(read(() -> forCheck(C1, List.of(PREMIUM, EPAPER), List.of(), T)))
                .isEqualTo(ForCheck.of(c1, first, second, third, fourth));
    }

    @Test
    void findForCheckAnswersOnlyWhatWasAskedForWhenHashCodesCollide() {
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

    // ----- fixtures -----

    private ForCheck forCheck(CustomerId customerId, Collection<AccessRightId> accessRights,
                              Collection<ContentId> contents, Instant at) {
        return ForCheck.read(store.accessRightItems(), customerId, accessRights, contents, at);
    }

    private static AccessRightItem endingAt(AccessRightItem item, Instant endsAt) {
        return new AccessRightItem(item.id(), item.customerId(), item.accessRightId(), item.contentId(),
                item.source(), item.startsAt(), Optional.of(endsAt), item.blocked(), item.reference());
    }
}
