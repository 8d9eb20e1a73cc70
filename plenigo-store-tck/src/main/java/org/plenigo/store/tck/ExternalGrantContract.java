package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenigo.core.access.AccessReason.ACCESS_BLOCKED;
import static org.plenigo.core.access.AccessReason.EXTERNAL;
import static org.plenigo.core.access.AccessReason.NO_ACCESS_RIGHT;
import static org.plenigo.core.access.AccessReason.SUBSCRIPTION;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.BillableUsers;
import org.plenigo.core.access.GrantAccess;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.time.Interval;

/**
 * External access right items on the store under test: granted with their reference, revoked,
 * blocked and unblocked, and customers blocked; and the billable users of a month in Europe/Berlin,
 * counted from items of every source.
 */
public abstract class ExternalGrantContract extends AccessPurchaseFixtures {
    // ----- external grants -----

    @Test
    void anExternalGrantKeepsItsReferenceAndTheSameKeyReturnsTheSameItem() {
        Instant start = local("2025-01-01T00:00");
        Instant end = local("2026-01-01T00:00");
        GrantAccess request = GrantAccess.external(reader, premium, start, Optional.of(end), "print-4711",
                key("print-4711"));

        AccessRightItem item = plenigo.access().grant(request);

        assertThat(item.customerId()).isEqualTo(reader);
        assertThat(item.accessRightId()).contains(premium);
        assertThat(item.contentId()).isEmpty();
        assertThat(item.source()).isEqualTo(AccessSource.EXTERNAL);
        assertThat(item.startsAt()).isEqualTo(start);
        assertThat(item.endsAt()).contains(end);
        assertThat(item.blocked()).isFalse();
        assertThat(item.reference()).contains("print-4711");
        assertThat(plenigo.access().grant(request)).isEqualTo(item);
        assertThat(plenigo.access().items(reader)).containsExactly(item);
        assertThat(plenigo.access().findItem(item.id())).contains(item);
        assertGranted(check(content("article-1", premium).withCustomer(reader)), EXTERNAL, Optional.of(end));
    }

    @Test
    void revokingEndsAnItemNowAndRevokingAgainChangesNothing() {
        AccessRightItem item = grantExternal(reader, premium, clock.instant(), Optional.of(local("2025-06-01T00:00")));
        clock.advance(Duration.ofDays(3));
        Instant revokedAt = clock.instant();

        AccessRightItem revoked = plenigo.access().revoke(item.id());

        assertThat(revoked).isEqualTo(new AccessRightItem(item.id(), reader, item.accessRightId(), Optional.empty(),
                AccessSource.EXTERNAL, item.startsAt(), Optional.of(revokedAt), false, item.reference()));
        assertThat(plenigo.access().findItem(item.id())).contains(revoked);
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        clock.advance(Duration.ofDays(1));
        assertThat(plenigo.access().revoke(item.id())).isEqualTo(revoked);
    }

    @Test
    void revokingAnItemThatHasNotStartedEndsItAtItsStart() {
        Instant start = local("2025-02-01T00:00");
        AccessRightItem item = grantExternal(reader, premium, start, Optional.empty());

        AccessRightItem revoked = plenigo.access().revoke(item.id());

        assertThat(revoked.endsAt()).contains(start);
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
        clock.set(start);
        assertDenied(check(content("article-1", premium).withCustomer(reader)), NO_ACCESS_RIGHT, List.of(),
                Optional.empty());
    }

    @Test
    void blockingAndUnblockingIsKeptOnTheItem() {
        AccessRightItem item = grantExternal(reader, premium, clock.instant(), Optional.empty());

        AccessRightItem blocked = plenigo.access().block(item.id());

        assertThat(blocked).isEqualTo(new AccessRightItem(item.id(), reader, item.accessRightId(), Optional.empty(),
                AccessSource.EXTERNAL, item.startsAt(), Optional.empty(), true, item.reference()));
        assertThat(plenigo.access().findItem(item.id())).contains(blocked);
        assertThat(plenigo.access().block(item.id())).isEqualTo(blocked);
        assertThat(plenigo.access().unblock(item.id())).isEqualTo(item);
        assertThat(plenigo.access().findItem(item.id())).contains(item);
    }

    @Test
    void blockingAndUnblockingACustomerIsKeptOnTheCustomer() {
        assertThat(plenigo.access().blockCustomer(reader).blocked()).isTrue();
        assertThat(plenigo.access().blockCustomer(reader).blocked()).isTrue();
        assertThat(plenigo.customers().find(reader).orElseThrow().blocked()).isTrue();
        assertThat(plenigo.access().unblockCustomer(reader).blocked()).isFalse();
        assertThat(plenigo.customers().find(reader).orElseThrow().blocked()).isFalse();
    }

    @Test
    void aSubscriptionItemBlockedForNonPaymentDeniesWithAccessBlocked() {
        OfferId offer = timeBasedOffer("digital", Interval.months(1), premium);
        AccessRightItem item = activate(reader, offer).items().get(0);

        plenigo.access().block(item.id());

        AccessDecision decision = check(content("article-1", premium).withCustomer(reader));
        assertThat(decision.reason()).isEqualTo(ACCESS_BLOCKED);
        assertThat(decision.granted()).isFalse();
        plenigo.access().unblock(item.id());
        assertGranted(check(content("article-1", premium).withCustomer(reader)), SUBSCRIPTION, item.endsAt());
    }

    // ----- billable users -----

    @Test
    void billableUsersAreTheCustomersWithAnItemOverlappingTheMonthInBerlinEachOnce() {
        Instant february = local("2025-02-01T00:00");
        Instant march = local("2025-03-01T00:00");
        holding("c-g", local("2025-02-10T00:00"), local("2025-02-11T00:00"), true);
        holding("c-a", local("2025-01-01T00:00"), null, false);
        holding("c-b", local("2025-01-01T00:00"), february, false);
        holding("c-c", march, null, false);
        holding("c-d", local("2025-01-20T00:00"), february.plusSeconds(1), false);
        holding("c-e", march.minusSeconds(1), march, false);
        CustomerId twice = holding("c-f", local("2025-02-03T00:00"), local("2025-02-04T00:00"), false);
        grantExternal(twice, epaper, local("2025-02-10T00:00"), Optional.of(local("2025-02-12T00:00")));
        holding("c-h", local("2025-01-02T00:00"), local("2025-01-03T00:00"), false);
        // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin, and vice versa at the end of February
        holding("c-i", local("2025-01-20T00:00"), Instant.parse("2025-01-31T23:30:00Z"), false);
        holding("c-j", Instant.parse("2025-02-28T23:30:00Z"), local("2025-03-02T00:00"), false);
        customer("c-k");

        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 2), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 2), 6, Optional.of(ids("c-a", "c-d", "c-e", "c-f", "c-g", "c-i"))));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 2), false)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 2), 6, Optional.empty()));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 1), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 1), 5, Optional.of(ids("c-a", "c-b", "c-d", "c-h", "c-i"))));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 3), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 3), 3, Optional.of(ids("c-a", "c-c", "c-j"))));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2024, 12), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2024, 12), 0, Optional.of(List.of())));
    }

    @Test
    void itemsOfEverySourceMakeACustomerBillable() {
        CustomerId subscriber = customer("c-subscriber");
        CustomerId buyer = customer("c-buyer");
        CustomerId unlocker = customer("c-unlocker");
        activate(subscriber, timeBasedOffer("digital", Interval.months(1), premium));
        plenigo.purchases().buy(buyer, singlePurchaseOffer("day-pass", Optional.of(Interval.days(1)), premium),
                newKey());
        plenigo.wallets().grant(unlocker, articles, 3, "welcome", newKey());
        unlocked(plenigo.access().unlock(unlocker, article42, List.of(), newKey()));

        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 1), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 1), 3, Optional.of(ids("c-buyer", "c-subscriber", "c-unlocker"))));
        assertThat(plenigo.access().billableUsers(YearMonth.of(2025, 2), true)).isEqualTo(new BillableUsers(
                YearMonth.of(2025, 2), 2, Optional.of(ids("c-subscriber", "c-unlocker"))));
    }

    // ----- helpers -----

    /** A new customer holding one EXTERNAL premium item over {@code [from, to)} ({@code to} null: for ever). */
    private CustomerId holding(String id, Instant from, Instant to, boolean blocked) {
        CustomerId customer = customer(id);
        AccessRightItem item = grantExternal(customer, premium, from, Optional.ofNullable(to));
        if (blocked) {
            plenigo.access().block(item.id());
        }
        return customer;
    }
}
