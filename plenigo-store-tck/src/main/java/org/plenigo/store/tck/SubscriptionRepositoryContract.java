package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.time.Interval;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionStatus;

/**
 * Contract of the subscription repository port as its Javadoc states it: inserts that refuse
 * duplicate ids, finds that return exactly what was stored, the documented orderings and limits of
 * the lists, and the conditional updates of the top-up schedule, of cancellation and of the
 * version-conditional update renewals and cancellation terms use.
 */
public abstract class SubscriptionRepositoryContract extends RepositoryFixtures {
    private static final ProductContractId ACCESS_CONTRACT = ProductContractId.of("pc-access");
    private static final OfferId ACCESS = OfferId.of("o-access");

    @Test
    void subscriptionsAreInsertedOnceAndFoundAsStored() {
        Subscription monthly = monthly("s-monthly", C1, CW1, T, T.plus(Duration.ofDays(31)));
        Subscription automatic = automatic("s-automatic", C1, CW1, T);
        Subscription cancelled = automatic("s-cancelled", C2, CW2, T).cancelled(T.plusSeconds(60));

        assertThat(tx(() -> store.subscriptions().insert(monthly))).isTrue();
        assertThat(tx(() -> store.subscriptions().insert(automatic))).isTrue();
        assertThat(tx(() -> store.subscriptions().insert(cancelled))).isTrue();
        assertThat(tx(() -> store.subscriptions().insert(automatic("s-monthly", C2, CW2, T)))).isFalse();

        assertThat(tx(() -> store.subscriptions().find(monthly.id()))).contains(monthly);
        assertThat(tx(() -> store.subscriptions().find(automatic.id()))).contains(automatic);
        assertThat(tx(() -> store.subscriptions().find(cancelled.id()))).contains(cancelled);
        assertThat(tx(() -> store.subscriptions().find(SubscriptionId.of("missing")))).isEmpty();
    }

    @Test
    void findByCustomerListsOldestFirstThenById() {
        Subscription later = automatic("s-a", C1, CW1, T.plusSeconds(10));
        Subscription earliestC = automatic("s-c", C1, CW3, T);
        Subscription otherCustomer = automatic("s-0", C2, CW2, T.minusSeconds(10));
        Subscription earliestB = monthly("s-b", C1, CW1, T, T.plus(Duration.ofDays(31)));
        txRun(() -> List.of(later, earliestC, otherCustomer, earliestB).forEach(store.subscriptions()::insert));

        assertThat(tx(() -> store.subscriptions().findByCustomer(C1))).containsExactly(earliestB, earliestC, later);
        assertThat(tx(() -> store.subscriptions().findByCustomer(C2))).containsExactly(otherCustomer);
        assertThat(tx(() -> store.subscriptions().findByCustomer(CustomerId.of("nobody")))).isEmpty();
    }

    @Test
    void findByCustomerWalletListsOldestFirstThenById() {
        Subscription later = automatic("s-a", C1, CW1, T.plusSeconds(10));
        Subscription otherWallet = automatic("s-0", C1, CW3, T);
        Subscription earliestC = automatic("s-c", C1, CW1, T);
        Subscription earliestB = monthly("s-b", C1, CW1, T, T.plus(Duration.ofDays(31)));
        txRun(() -> List.of(later, otherWallet, earliestC, earliestB).forEach(store.subscriptions()::insert));

        assertThat(tx(() -> store.subscriptions().findByCustomerWallet(CW1)))
                .containsExactly(earliestB, earliestC, later);
        assertThat(tx(() -> store.subscriptions().findByCustomerWallet(CW3))).containsExactly(otherWallet);
        assertThat(tx(() -> store.subscriptions().findByCustomerWallet(CW2))).isEmpty();
    }

    @Test
    void findDueTopUpsListsActiveDueSubscriptionsEarliestFirstThenByIdUpToTheLimit() {
        Instant now = T.plus(Duration.ofHours(2));
        Subscription earliest = monthly("due-z", C1, CW1, T.minusSeconds(3600), T);
        Subscription dueB = monthly("due-b", C2, CW2, T.minusSeconds(3600), T.plus(Duration.ofHours(1)));
        Subscription dueA = monthly("due-a", C1, CW1, T.minusSeconds(3600), T.plus(Duration.ofHours(1)));
        Subscription exactlyNow = monthly("due-now", C1, CW3, T.minusSeconds(3600), now);
        Subscription notYet = monthly("not-yet", C1, CW1, T.minusSeconds(3600), now.plusSeconds(1));
        Subscription automatic = automatic("automatic", C1, CW1, T.minusSeconds(3600));
        Subscription cancelled = monthly("cancelled", C2, CW2, T.minusSeconds(3600), T).cancelled(T);
        txRun(() -> List.of(notYet, dueB, cancelled, exactlyNow, automatic, earliest, dueA)
                .forEach(store.subscriptions()::insert));

        assertThat(tx(() -> store.subscriptions().findDueTopUps(now, 10)))
                .containsExactly(earliest, dueA, dueB, exactlyNow);
        assertThat(tx(() -> store.subscriptions().findDueTopUps(now, 2))).containsExactly(earliest, dueA);
        assertThat(tx(() -> store.subscriptions().findDueTopUps(T.minusSeconds(1), 10))).isEmpty();

        txRun(() -> {
            store.subscriptions().cancel(earliest.id(), now);
            store.subscriptions().advanceTopUp(dueA.id(), 1, 2, now.plus(Duration.ofDays(30)));
        });
        assertThat(tx(() -> store.subscriptions().findDueTopUps(now, 10)).stream().map(Subscription::id))
                .containsExactly(dueB.id(), exactlyNow.id());
    }

    @Test
    void advanceTopUpMovesTheScheduleOnlyWhenTheExpectedIndexStillMatches() {
        Instant first = T.plus(Duration.ofDays(31));
        Instant second = T.plus(Duration.ofDays(59));
        Subscription monthly = monthly("s-monthly", C1, CW1, T, first);
        txRun(() -> store.subscriptions().insert(monthly));

        assertThat(tx(() -> store.subscriptions().advanceTopUp(monthly.id(), 1, 2, second))).isTrue();
        Subscription advanced = tx(() -> store.subscriptions().find(monthly.id())).orElseThrow();
        assertThat(advanced.nextTopUpIndex()).isEqualTo(2);
        assertThat(advanced.nextTopUpAt()).contains(second);
        assertThat(advanced.version()).as("counted on").isEqualTo(monthly.version() + 1);
        assertThat(advanced).usingRecursiveComparison().ignoringFields("nextTopUpIndex", "nextTopUpAt", "version")
                .isEqualTo(monthly);

        assertThat(tx(() -> store.subscriptions().advanceTopUp(monthly.id(), 1, 2, second.plusSeconds(1))))
                .as("a second scheduler with the stale index").isFalse();
        assertThat(tx(() -> store.subscriptions().find(monthly.id()))).contains(advanced);
        assertThat(tx(() -> store.subscriptions().advanceTopUp(SubscriptionId.of("missing"), 1, 2, second)))
                .isFalse();
    }

    @Test
    void advanceTopUpRefusesACancelledSubscription() {
        Subscription monthly = monthly("s-monthly", C1, CW1, T, T.plus(Duration.ofDays(31)));
        txRun(() -> store.subscriptions().insert(monthly));
        txRun(() -> store.subscriptions().cancel(monthly.id(), T.plusSeconds(5)));

        assertThat(tx(() -> store.subscriptions().advanceTopUp(monthly.id(), 1, 2, T.plus(Duration.ofDays(59)))))
                .isFalse();
        assertThat(tx(() -> store.subscriptions().find(monthly.id()))).contains(monthly.cancelled(T.plusSeconds(5)));
    }

    @Test
    void cancelChangesOnlyAnActiveSubscription() {
        Subscription monthly = monthly("s-monthly", C1, CW1, T, T.plus(Duration.ofDays(31)));
        txRun(() -> store.subscriptions().insert(monthly));
        Instant at = T.plus(Duration.ofDays(3));

        assertThat(tx(() -> store.subscriptions().cancel(monthly.id(), at))).isTrue();
        Subscription cancelled = tx(() -> store.subscriptions().find(monthly.id())).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).contains(at);
        assertThat(cancelled.nextTopUpAt()).isEmpty();
        assertThat(cancelled).isEqualTo(monthly.cancelled(at));

        assertThat(tx(() -> store.subscriptions().cancel(monthly.id(), at.plusSeconds(60)))).isFalse();
        assertThat(tx(() -> store.subscriptions().find(monthly.id()))).contains(cancelled);
        assertThat(tx(() -> store.subscriptions().cancel(SubscriptionId.of("missing"), at))).isFalse();
    }

    // ----- renewals: the version-conditional update and what a time-based subscription keeps -----

    /** A time-based subscription of C1 on a monthly access offer: no wallet, renewed period by period. */
    private Subscription timeBased(String id) {
        txRun(() -> {
            if (store.offers().find(ACCESS).isEmpty()) {
                store.productContracts().insert(ProductContract.timeBased(ACCESS_CONTRACT, "Access",
                        Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)));
                store.accessRights().insert(new AccessRight(AccessRightId.of("r-access"), "Access"));
                store.offers().insert(Offer.timeBased(ACCESS, "Access", ACCESS_CONTRACT,
                        Set.of(AccessRightId.of("r-access"))));
            }
        });
        return new Subscription(SubscriptionId.of(id), C1, ACCESS, SubscriptionStatus.ACTIVE, T, Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Optional.of(T.plus(Duration.ofDays(31))));
    }

    @Test
    void aTimeBasedSubscriptionsPaymentMethodPaidPeriodsUnpaidPeriodAndPendingEndAreStored() {
        PaymentMethod card = new PaymentMethod(PaymentMethodId.of("pm-card"), C1,
                new PaymentMethodDetails.CreditCard("tok_card", "VISA", "4242", 2, 2028), true, T);
        txRun(() -> assertThat(store.paymentMethods().insert(card)).isTrue());
        Subscription stored = new Subscription(SubscriptionId.of("s-access"), C1, timeBased("s-access").offerId(),
                SubscriptionStatus.ACTIVE, T, Optional.empty(), Optional.empty(), Optional.empty(), 3,
                Optional.of(T.plus(Duration.ofDays(70))), Optional.of(card.id()),
                Optional.of(T.plus(Duration.ofDays(59))), Optional.of(T.plus(Duration.ofDays(59))),
                Optional.of(T.plus(Duration.ofDays(70))), 7);

        assertThat(tx(() -> store.subscriptions().insert(stored))).isTrue();

        assertThat(tx(() -> store.subscriptions().find(stored.id()))).contains(stored);
    }

    @Test
    void anUpdateIsStoredOnlyOnTheVersionItWasMadeFrom() {
        Subscription subscription = timeBased("s-access");
        txRun(() -> store.subscriptions().insert(subscription));
        Instant paidUntil = T.plus(Duration.ofDays(59));
        Subscription renewed = subscription.renewed(2, Optional.of(paidUntil), Optional.of(paidUntil),
                Optional.empty(), Optional.empty());
        Subscription rival = subscription.renewed(2, Optional.empty(), Optional.of(T.plus(Duration.ofDays(31))),
                Optional.of(T.plus(Duration.ofDays(31))), Optional.empty());

        assertThat(tx(() -> store.subscriptions().update(renewed))).isTrue();
        assertThat(tx(() -> store.subscriptions().update(rival))).as("made from the same version").isFalse();
        assertThat(tx(() -> store.subscriptions().update(renewed))).as("the same change again").isFalse();
        assertThat(tx(() -> store.subscriptions().update(timeBased("s-missing").renewed(2, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())))).isFalse();

        assertThat(tx(() -> store.subscriptions().find(subscription.id()))).contains(renewed);
        assertThat(renewed.version()).isEqualTo(1);
    }

    @Test
    void advancingTheScheduleAndCancellingCountTheVersionOnSoThatAnOlderChangeIsRefused() {
        Subscription monthly = monthly("s-monthly", C1, CW1, T, T.plus(Duration.ofDays(31)));
        Subscription access = timeBased("s-access");
        txRun(() -> {
            store.subscriptions().insert(monthly);
            store.subscriptions().insert(access);
        });

        assertThat(tx(() -> store.subscriptions().advanceTopUp(monthly.id(), 1, 2, T.plus(Duration.ofDays(59)))))
                .isTrue();
        assertThat(tx(() -> store.subscriptions().cancel(access.id(), T.plusSeconds(5)))).isTrue();

        assertThat(tx(() -> store.subscriptions().find(monthly.id())).orElseThrow().version()).isEqualTo(1);
        assertThat(tx(() -> store.subscriptions().find(access.id())).orElseThrow())
                .isEqualTo(access.cancelled(T.plusSeconds(5)));
        assertThat(tx(() -> store.subscriptions().update(access.paidWith(PaymentMethodId.of("pm-late")))))
                .as("made before the cancellation").isFalse();
    }
}
