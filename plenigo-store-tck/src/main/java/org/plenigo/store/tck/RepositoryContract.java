package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.Charge;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.money.Money;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionStatus;
import org.plenigo.core.time.Interval;
import org.plenigo.core.wallet.BalanceChange;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditLotId;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * Contract of every repository port as its Javadoc states it: inserts that refuse duplicate ids and
 * duplicate unique pairs, finds that return exactly what was stored, the documented orderings and
 * limits, and the conditional updates. Rows are written the way the core writes them (parents
 * before children, ledger sequences matching the wallet's version), always inside a unit of work.
 */
public abstract class RepositoryContract extends StoreContractSupport {
    private static final Instant T = Instant.parse("2025-01-01T08:00:00Z");

    private static final CustomerId C1 = CustomerId.of("c1");
    private static final CustomerId C2 = CustomerId.of("c2");
    private static final WalletId W1 = WalletId.of("w1");
    private static final WalletId W2 = WalletId.of("w2");
    private static final ProductContractId CONTRACT = ProductContractId.of("pc-credits");
    private static final OfferId AUTOMATIC = OfferId.of("o-automatic");
    private static final OfferId MONTHLY = OfferId.of("o-monthly");
    private static final CustomerWalletId CW1 = CustomerWalletId.of("cw-1");
    private static final CustomerWalletId CW2 = CustomerWalletId.of("cw-2");
    private static final CustomerWalletId CW3 = CustomerWalletId.of("cw-3");

    @BeforeEach
    void insertParents() {
        txRun(() -> {
            store.customers().insert(Customer.of(C1, "c1@example.org", "One", "DE"));
            store.customers().insert(Customer.of(C2, "c2@example.org", "Two", "AT"));
            store.wallets().insert(Wallet.of(W1, "Article credits", Money.of("0.50", "EUR")));
            store.wallets().insert(Wallet.of(W2, "Webinar credits", Money.of("2.00", "EUR")));
            store.productContracts().insert(ProductContract.creditBased(CONTRACT, "5 credits",
                    Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, 5));
            store.offers().insert(Offer.usageBased(AUTOMATIC, "Automatic", CONTRACT, W1, TopUpPlan.automatic()));
            store.offers().insert(Offer.usageBased(MONTHLY, "Monthly", CONTRACT, W1,
                    TopUpPlan.every(Interval.months(1))));
            store.customerWallets().insert(new CustomerWallet(CW1, C1, W1, 0, 0));
            store.customerWallets().insert(new CustomerWallet(CW2, C2, W1, 0, 0));
            store.customerWallets().insert(new CustomerWallet(CW3, C1, W2, 0, 0));
        });
    }

    // ----- catalog and customers -----

    @Test
    void productContractsAreInsertedOnceAndFoundAsStored() {
        ProductContract credits = ProductContract.creditBased(ProductContractId.of("pc-yen"), "Yen pack",
                Money.of("500", "JPY"), TaxType.EBOOK, 10).withTerm(Interval.years(1))
                .withCancellationPeriod(Interval.weeks(2));
        ProductContract access = ProductContract.timeBased(ProductContractId.of("pc-access"), "Monthly access",
                Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1));

        assertThat(tx(() -> store.productContracts().insert(credits))).isTrue();
        assertThat(tx(() -> store.productContracts().insert(access))).isTrue();
        ProductContract sameId = ProductContract.creditBased(credits.id(), "Other", Money.of("1.00", "EUR"),
                TaxType.FEE, 1);

        assertThat(tx(() -> store.productContracts().insert(sameId))).isFalse();
        assertThat(tx(() -> store.productContracts().find(credits.id()))).contains(credits);
        assertThat(tx(() -> store.productContracts().find(access.id()))).contains(access);
        assertThat(tx(() -> store.productContracts().find(ProductContractId.of("missing")))).isEmpty();
    }

    @Test
    void walletsAreInsertedOnceAndFoundAsStored() {
        Wallet expiring = Wallet.of(WalletId.of("w-expiring"), "Expiring", Money.of("0.25", "EUR"))
                .withCreditValidity(Interval.days(30));

        assertThat(tx(() -> store.wallets().insert(expiring))).isTrue();
        assertThat(tx(() -> store.wallets().insert(Wallet.of(expiring.id(), "Other", Money.of("1", "USD")))))
                .isFalse();
        assertThat(tx(() -> store.wallets().find(expiring.id()))).contains(expiring);
        assertThat(tx(() -> store.wallets().find(W1))).contains(Wallet.of(W1, "Article credits",
                Money.of("0.50", "EUR")));
        assertThat(tx(() -> store.wallets().find(WalletId.of("missing")))).isEmpty();
    }

    @Test
    void accessRightsAreInsertedOnceAndFoundAsStored() {
        AccessRight premium = new AccessRight(AccessRightId.of("premium"), "Premium articles");

        assertThat(tx(() -> store.accessRights().insert(premium))).isTrue();
        assertThat(tx(() -> store.accessRights().insert(new AccessRight(premium.id(), "Other")))).isFalse();
        assertThat(tx(() -> store.accessRights().find(premium.id()))).contains(premium);
        assertThat(tx(() -> store.accessRights().find(AccessRightId.of("epaper")))).isEmpty();
    }

    @Test
    void offersAreInsertedOnceAndFoundAsStored() {
        ProductContract access = ProductContract.timeBased(ProductContractId.of("pc-access"), "Access",
                Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1));
        AccessRight premium = new AccessRight(AccessRightId.of("premium"), "Premium");
        AccessRight epaper = new AccessRight(AccessRightId.of("epaper"), "E-paper");
        Offer timeBased = Offer.timeBased(OfferId.of("o-access"), "Access", access.id(),
                Set.of(premium.id(), epaper.id()));
        Offer biweekly = Offer.usageBased(OfferId.of("o-biweekly"), "Every two weeks", CONTRACT, W2,
                TopUpPlan.every(Interval.weeks(2)));
        Offer pack = new Offer(OfferId.of("o-pack"), "One-time pack", OfferType.SINGLE_PURCHASE, CONTRACT,
                Optional.of(W1), Optional.empty(), Set.of());
        txRun(() -> {
            store.productContracts().insert(access);
            store.accessRights().insert(premium);
            store.accessRights().insert(epaper);
        });

        assertThat(tx(() -> store.offers().insert(timeBased))).isTrue();
        assertThat(tx(() -> store.offers().insert(biweekly))).isTrue();
        assertThat(tx(() -> store.offers().insert(pack))).isTrue();
        assertThat(tx(() -> store.offers().insert(Offer.usageBased(timeBased.id(), "Other", CONTRACT, W1,
                TopUpPlan.external())))).isFalse();

        assertThat(tx(() -> store.offers().find(timeBased.id()))).contains(timeBased);
        assertThat(tx(() -> store.offers().find(biweekly.id()))).contains(biweekly);
        assertThat(tx(() -> store.offers().find(pack.id()))).contains(pack);
        assertThat(tx(() -> store.offers().find(AUTOMATIC)).orElseThrow().topUpType()).isEqualTo(TopUpType.AUTOMATIC);
        assertThat(tx(() -> store.offers().find(OfferId.of("missing")))).isEmpty();
    }

    @Test
    void customersAreInsertedOnceAndFoundAsStored() {
        Customer business = Customer.of(CustomerId.of("c-business"), "billing@verlag.example", "Verlag GmbH", "DE")
                .withVatId("DE123456789");

        assertThat(tx(() -> store.customers().insert(business))).isTrue();
        assertThat(tx(() -> store.customers().insert(Customer.of(business.id(), "x@example.org", "X", "FR"))))
                .isFalse();
        assertThat(tx(() -> store.customers().find(business.id()))).contains(business);
        assertThat(tx(() -> store.customers().find(C1))).contains(Customer.of(C1, "c1@example.org", "One", "DE"));
        assertThat(tx(() -> store.customers().find(CustomerId.of("missing")))).isEmpty();
    }

    // ----- subscriptions -----

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
        assertThat(advanced).usingRecursiveComparison().ignoringFields("nextTopUpIndex", "nextTopUpAt")
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

    // ----- customer wallets -----

    @Test
    void customerWalletsAreUniqueByIdAndByCustomerAndWallet() {
        assertThat(tx(() -> store.customerWallets().find(CW1))).contains(new CustomerWallet(CW1, C1, W1, 0, 0));
        assertThat(tx(() -> store.customerWallets().find(C1, W1))).contains(new CustomerWallet(CW1, C1, W1, 0, 0));
        assertThat(tx(() -> store.customerWallets().find(C1, W2)).map(CustomerWallet::id)).contains(CW3);
        assertThat(tx(() -> store.customerWallets().find(C2, W2))).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(CustomerWalletId.of("missing")))).isEmpty();

        CustomerWalletId other = CustomerWalletId.of("cw-other");
        assertThat(tx(() -> store.customerWallets().insert(new CustomerWallet(other, C1, W1, 0, 0))))
                .as("second wallet for the same customer and wallet definition").isFalse();
        assertThat(tx(() -> store.customerWallets().insert(new CustomerWallet(CW1, C2, W2, 0, 0))))
                .as("same id").isFalse();
        assertThat(tx(() -> store.customerWallets().find(other))).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(C2, W2))).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(C1, W1)).map(CustomerWallet::id)).contains(CW1);
    }

    @Test
    void creditAddsToTheBalanceAndCountsTheVersion() {
        assertThat(tx(() -> store.customerWallets().credit(CW1, 5))).isEqualTo(new BalanceChange(5, 1));
        assertThat(tx(() -> store.customerWallets().credit(CW1, 3))).isEqualTo(new BalanceChange(8, 2));

        assertThat(tx(() -> store.customerWallets().find(CW1))).contains(new CustomerWallet(CW1, C1, W1, 8, 2));
        assertThat(tx(() -> store.customerWallets().find(CW2))).contains(new CustomerWallet(CW2, C2, W1, 0, 0));
    }

    @Test
    void debitTakesCreditsOnlyIfTheBalanceHoldsThem() {
        txRun(() -> store.customerWallets().credit(CW1, 8));

        assertThat(tx(() -> store.customerWallets().debit(CW1, 9))).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(CW1))).contains(new CustomerWallet(CW1, C1, W1, 8, 1));

        assertThat(tx(() -> store.customerWallets().debit(CW1, 3))).contains(new BalanceChange(5, 2));
        assertThat(tx(() -> store.customerWallets().debit(CW1, 5))).contains(new BalanceChange(0, 3));
        assertThat(tx(() -> store.customerWallets().debit(CW1, 1))).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(CW1))).contains(new CustomerWallet(CW1, C1, W1, 0, 3));
        assertThat(tx(() -> store.customerWallets().debit(CW2, 1))).as("empty wallet").isEmpty();
        assertThat(tx(() -> store.customerWallets().debit(CustomerWalletId.of("cw-missing"), 1))).as("no such wallet")
                .isEmpty();
    }

    // ----- credit lots -----

    @Test
    void creditLotsAreInsertedOnce() {
        CreditLot lot = lot("lot-1", CW1, 5, 5, T, Optional.of(T.plus(Duration.ofDays(30))));

        assertThat(tx(() -> store.creditLots().insert(lot))).isTrue();
        assertThat(tx(() -> store.creditLots().insert(lot("lot-1", CW2, 7, 7, T, Optional.empty())))).isFalse();
        assertThat(tx(() -> store.creditLots().findOpen(CW1))).containsExactly(lot);
        assertThat(tx(() -> store.creditLots().findOpen(CW2))).isEmpty();
    }

    @Test
    void findOpenListsEarliestExpiryFirstNeverExpiringLastThenAddedAtThenId() {
        Instant feb = Instant.parse("2025-02-01T00:00:00Z");
        Instant mar = Instant.parse("2025-03-01T00:00:00Z");
        CreditLot march = lot("lot-a", CW1, 5, 5, T, Optional.of(mar));
        CreditLot februaryLate = lot("lot-b", CW1, 5, 4, T.plus(Duration.ofDays(9)), Optional.of(feb));
        CreditLot neverLate = lot("lot-c", CW1, 5, 5, T.plus(Duration.ofDays(1)), Optional.empty());
        CreditLot neverEarly = lot("lot-d", CW1, 5, 1, T, Optional.empty());
        CreditLot februaryE = lot("lot-e", CW1, 5, 5, T.plus(Duration.ofDays(4)), Optional.of(feb));
        CreditLot februaryF = lot("lot-f", CW1, 5, 5, T.plus(Duration.ofDays(4)), Optional.of(feb));
        CreditLot used = lot("lot-g", CW1, 5, 0, T.minus(Duration.ofDays(9)), Optional.of(T));
        CreditLot otherWallet = lot("lot-h", CW2, 5, 5, T, Optional.of(T));
        txRun(() -> List.of(neverLate, februaryF, used, march, otherWallet, februaryLate, neverEarly, februaryE)
                .forEach(store.creditLots()::insert));

        assertThat(tx(() -> store.creditLots().findOpen(CW1)))
                .containsExactly(februaryE, februaryF, februaryLate, march, neverEarly, neverLate);
        assertThat(tx(() -> store.creditLots().findOpen(CW3))).isEmpty();
    }

    @Test
    void takeRemovesCreditsFromALotOnlyIfItHoldsThem() {
        CreditLot lot = lot("lot-1", CW1, 5, 5, T, Optional.empty());
        txRun(() -> store.creditLots().insert(lot));

        assertThat(tx(() -> store.creditLots().take(lot.id(), 3))).isTrue();
        assertThat(tx(() -> store.creditLots().findOpen(CW1))).containsExactly(lot("lot-1", CW1, 5, 2, T,
                Optional.empty()));
        assertThat(tx(() -> store.creditLots().take(lot.id(), 3))).isFalse();
        assertThat(tx(() -> store.creditLots().findOpen(CW1)).get(0).remaining()).isEqualTo(2);
        assertThat(tx(() -> store.creditLots().take(lot.id(), 2))).isTrue();
        assertThat(tx(() -> store.creditLots().findOpen(CW1))).as("a used-up lot is no longer open").isEmpty();
        assertThat(tx(() -> store.creditLots().take(lot.id(), 1))).isFalse();
        assertThat(tx(() -> store.creditLots().take(CreditLotId.of("missing"), 1))).isFalse();
    }

    @Test
    void findExpiredListsOpenLotsOfAnyWalletExpiredAtOrBeforeNowEarliestFirst() {
        Instant now = T.plus(Duration.ofDays(2));
        CreditLot second = lot("lot-1", CW1, 5, 2, T.minus(Duration.ofDays(30)), Optional.of(T.plus(Duration.ofDays(1))));
        CreditLot first = lot("lot-2", CW2, 5, 1, T.minus(Duration.ofDays(30)), Optional.of(T));
        CreditLot exactlyNow = lot("lot-3", CW1, 5, 5, T.minus(Duration.ofDays(28)), Optional.of(now));
        CreditLot usedUp = lot("lot-4", CW1, 5, 0, T.minus(Duration.ofDays(40)), Optional.of(T.minus(Duration.ofDays(10))));
        CreditLot never = lot("lot-5", CW3, 5, 5, T.minus(Duration.ofDays(400)), Optional.empty());
        CreditLot later = lot("lot-6", CW3, 5, 5, T, Optional.of(now.plusSeconds(1)));
        txRun(() -> List.of(exactlyNow, later, second, usedUp, never, first).forEach(store.creditLots()::insert));

        assertThat(tx(() -> store.creditLots().findExpired(now, 10))).containsExactly(first, second, exactlyNow);
        assertThat(tx(() -> store.creditLots().findExpired(now, 2))).containsExactly(first, second);
        assertThat(tx(() -> store.creditLots().findExpired(T.minusSeconds(1), 10))).isEmpty();

        txRun(() -> store.creditLots().take(first.id(), 1));
        assertThat(tx(() -> store.creditLots().findExpired(now, 10))).containsExactly(second, exactlyNow);
    }

    // ----- ledger -----

    @Test
    void ledgerEntriesAreUniqueByIdAndByWalletAndSequence() {
        SubscriptionId paidBy = insertAutomaticSubscription("s-1", C1, CW1);
        LedgerEntry topUp = tx(() -> {
            BalanceChange change = store.customerWallets().credit(CW1, 5);
            LedgerEntry entry = entry("le-1", CW1, change, LedgerEntryType.TOP_UP, 5, T, Optional.of(paidBy));
            assertThat(store.ledger().insert(entry)).isTrue();
            return entry;
        });

        assertThat(tx(() -> store.ledger().find(topUp.id()))).contains(topUp);
        assertThat(tx(() -> store.ledger().find(LedgerEntryId.of("missing")))).isEmpty();

        assertThat(tx(() -> store.ledger().insert(entry("le-1", CW2, new BalanceChange(5, 1), LedgerEntryType.GRANT,
                5, T, Optional.empty())))).as("same id").isFalse();
        assertThat(tx(() -> store.ledger().insert(entry("le-other", CW1, new BalanceChange(5, 1),
                LedgerEntryType.GRANT, 5, T, Optional.empty())))).as("same wallet and sequence").isFalse();
        assertThat(tx(() -> store.ledger().find(LedgerEntryId.of("le-other")))).isEmpty();
        assertThat(tx(() -> store.ledger().findByCustomerWallet(CW1))).containsExactly(topUp);
    }

    @Test
    void findByCustomerWalletListsTheWalletsEntriesInSequenceOrder() {
        SubscriptionId paidBy = insertAutomaticSubscription("s-1", C1, CW1);
        List<LedgerEntry> written = tx(() -> {
            LedgerEntry e1 = entry("le-x", CW1, store.customerWallets().credit(CW1, 5), LedgerEntryType.TOP_UP, 5, T,
                    Optional.of(paidBy));
            LedgerEntry e2 = entry("le-a", CW1, store.customerWallets().debit(CW1, 2).orElseThrow(),
                    LedgerEntryType.CONSUMPTION, -2, T.plusSeconds(1), Optional.empty());
            LedgerEntry e3 = entry("le-m", CW1, store.customerWallets().credit(CW1, 4), LedgerEntryType.GRANT, 4,
                    T.plusSeconds(2), Optional.empty());
            // written out of order within one unit of work: the order is the sequence, not the insertion
            for (LedgerEntry e : List.of(e3, e1, e2)) {
                assertThat(store.ledger().insert(e)).isTrue();
            }
            return List.of(e1, e2, e3);
        });
        LedgerEntry otherWallet = tx(() -> {
            LedgerEntry e = entry("le-b", CW2, store.customerWallets().credit(CW2, 1), LedgerEntryType.GRANT, 1, T,
                    Optional.empty());
            store.ledger().insert(e);
            return e;
        });

        assertThat(tx(() -> store.ledger().findByCustomerWallet(CW1))).containsExactlyElementsOf(written);
        assertThat(tx(() -> store.ledger().findByCustomerWallet(CW2))).containsExactly(otherWallet);
        assertThat(tx(() -> store.ledger().findByCustomerWallet(CW3))).isEmpty();
        assertThat(tx(() -> store.ledger().find(LedgerEntryId.of("le-a")))).contains(written.get(1));
    }

    @Test
    void countTopUpsCountsTheSubscriptionsTopUpEntriesAtOrAfterSince() {
        SubscriptionId s1 = insertAutomaticSubscription("s-1", C1, CW1);
        SubscriptionId s2 = insertAutomaticSubscription("s-2", C1, CW1);
        Instant since = T.plus(Duration.ofMinutes(10));
        txRun(() -> {
            appendAdding("le-1", CW1, LedgerEntryType.TOP_UP, 5, since.minusSeconds(1), Optional.of(s1));
            appendAdding("le-2", CW1, LedgerEntryType.TOP_UP, 5, since, Optional.of(s1));
            appendAdding("le-3", CW1, LedgerEntryType.TOP_UP, 5, since.plusSeconds(60), Optional.of(s1));
            appendAdding("le-4", CW1, LedgerEntryType.TOP_UP, 5, since.plusSeconds(60), Optional.of(s2));
            appendAdding("le-5", CW1, LedgerEntryType.GRANT, 5, since.plusSeconds(60), Optional.empty());
            BalanceChange debit = store.customerWallets().debit(CW1, 1).orElseThrow();
            store.ledger().insert(entry("le-6", CW1, debit, LedgerEntryType.CONSUMPTION, -1, since.plusSeconds(90),
                    Optional.empty()));
        });

        assertThat(tx(() -> store.ledger().countTopUps(s1, since))).isEqualTo(2);
        assertThat(tx(() -> store.ledger().countTopUps(s1, since.minusSeconds(1)))).isEqualTo(3);
        assertThat(tx(() -> store.ledger().countTopUps(s1, since.plusSeconds(61)))).isZero();
        assertThat(tx(() -> store.ledger().countTopUps(s2, T))).isEqualTo(1);
        assertThat(tx(() -> store.ledger().countTopUps(SubscriptionId.of("s-none"), T))).isZero();
    }

    // ----- idempotency records and charges -----

    @Test
    void idempotencyRecordsAreUniqueByKey() {
        IdempotencyRecord first = new IdempotencyRecord(IdempotencyKey.of("order-4711"), "wallet.consume",
                "f".repeat(64), "entry=le-1;credits=3", T);

        assertThat(tx(() -> store.idempotency().find(first.key()))).isEmpty();
        assertThat(tx(() -> store.idempotency().insert(first))).isTrue();
        assertThat(tx(() -> store.idempotency().insert(new IdempotencyRecord(first.key(), "wallet.grant",
                "0".repeat(64), "", T.plusSeconds(1))))).isFalse();
        assertThat(tx(() -> store.idempotency().find(first.key()))).contains(first);
        assertThat(tx(() -> store.idempotency().find(IdempotencyKey.of("order-4712")))).isEmpty();
    }

    @Test
    void chargesAreUniqueByIdAndByKeyAndListedOldestFirst() {
        SubscriptionId s1 = insertAutomaticSubscription("s-1", C1, CW1);
        SubscriptionId s2 = insertAutomaticSubscription("s-2", C2, CW2);
        Charge later = charge("ch-a", "k-1", C1, s1, T.plusSeconds(60));
        Charge earlierB = charge("ch-b", "k-2", C1, s1, T);
        Charge earlierC = charge("ch-c", "k-3", C1, s1, T);
        Charge otherCustomer = charge("ch-d", "k-4", C2, s2, T.minusSeconds(60));

        for (Charge charge : List.of(later, earlierC, otherCustomer, earlierB)) {
            assertThat(tx(() -> store.charges().insert(charge))).isTrue();
        }
        assertThat(tx(() -> store.charges().insert(charge("ch-a", "k-other", C1, s1, T)))).as("same id").isFalse();
        assertThat(tx(() -> store.charges().insert(charge("ch-other", "k-1", C1, s1, T)))).as("same key").isFalse();

        assertThat(tx(() -> store.charges().findByKey(IdempotencyKey.of("k-1")))).contains(later);
        assertThat(tx(() -> store.charges().findByKey(IdempotencyKey.of("k-other")))).isEmpty();
        assertThat(tx(() -> store.charges().findByCustomer(C1))).containsExactly(earlierB, earlierC, later);
        assertThat(tx(() -> store.charges().findByCustomer(C2))).containsExactly(otherCustomer);
        assertThat(tx(() -> store.charges().findByCustomer(CustomerId.of("nobody")))).isEmpty();
    }

    // ----- fixtures -----

    private static Subscription monthly(String id, CustomerId customer, CustomerWalletId wallet, Instant startedAt,
                                        Instant nextTopUpAt) {
        return new Subscription(SubscriptionId.of(id), customer, MONTHLY, SubscriptionStatus.ACTIVE, startedAt,
                Optional.empty(), Optional.of(wallet), Optional.of(TopUpType.TIME_BASED), 1, Optional.of(nextTopUpAt));
    }

    private static Subscription automatic(String id, CustomerId customer, CustomerWalletId wallet, Instant startedAt) {
        return new Subscription(SubscriptionId.of(id), customer, AUTOMATIC, SubscriptionStatus.ACTIVE, startedAt,
                Optional.empty(), Optional.of(wallet), Optional.of(TopUpType.AUTOMATIC), 0, Optional.empty());
    }

    private SubscriptionId insertAutomaticSubscription(String id, CustomerId customer, CustomerWalletId wallet) {
        Subscription subscription = automatic(id, customer, wallet, T);
        txRun(() -> assertThat(store.subscriptions().insert(subscription)).isTrue());
        return subscription.id();
    }

    private static CreditLot lot(String id, CustomerWalletId wallet, long credits, long remaining, Instant addedAt,
                                 Optional<Instant> expiresAt) {
        return new CreditLot(CreditLotId.of(id), wallet, credits, remaining, addedAt, expiresAt);
    }

    private static LedgerEntry entry(String id, CustomerWalletId wallet, BalanceChange change, LedgerEntryType type,
                                     long credits, Instant at, Optional<SubscriptionId> paidBy) {
        return new LedgerEntry(LedgerEntryId.of(id), wallet, change.version(), type, credits, change.balanceAfter(), at,
                paidBy, IdempotencyKey.of("key-" + id), Optional.of("ref-" + id));
    }

    /** Credits the wallet and appends the matching entry, as the core does; call inside a unit of work. */
    private void appendAdding(String id, CustomerWalletId wallet, LedgerEntryType type, long credits, Instant at,
                              Optional<SubscriptionId> paidBy) {
        BalanceChange change = store.customerWallets().credit(wallet, credits);
        assertThat(store.ledger().insert(entry(id, wallet, change, type, credits, at, paidBy))).isTrue();
    }

    private static Charge charge(String id, String key, CustomerId customer, SubscriptionId subscription, Instant at) {
        return new Charge(ChargeId.of(id), new ChargeRequest(IdempotencyKey.of(key), customer, subscription,
                Money.of("4.99", "EUR"), TaxType.DIGITAL_NEWSPAPER, "5 credits: Automatic", at));
    }
}
