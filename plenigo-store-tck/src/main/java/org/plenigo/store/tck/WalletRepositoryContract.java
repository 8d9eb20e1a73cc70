package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.wallet.BalanceChange;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditLotId;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * Contract of the customer wallet, credit lot and ledger repository ports as their Javadoc states
 * it: inserts that refuse duplicate ids and duplicate unique pairs, the conditional credit and
 * debit of balances and lots, and the documented orderings. Ledger sequences match the wallet's
 * version, as the core writes them.
 */
public abstract class WalletRepositoryContract extends RepositoryFixtures {
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

    // ----- fixtures -----

    private static CreditLot lot(String id, CustomerWalletId wallet, long credits, long remaining, Instant addedAt,
                                 Optional<Instant> expiresAt) {
        return new CreditLot(CreditLotId.of(id), wallet, credits, remaining, addedAt, expiresAt);
    }

    /** Credits the wallet and appends the matching entry, as the core does; call inside a unit of work. */
    private void appendAdding(String id, CustomerWalletId wallet, LedgerEntryType type, long credits, Instant at,
                              Optional<SubscriptionId> paidBy) {
        BalanceChange change = store.customerWallets().credit(wallet, credits);
        assertThat(store.ledger().insert(entry(id, wallet, change, type, credits, at, paidBy))).isTrue();
    }
}
