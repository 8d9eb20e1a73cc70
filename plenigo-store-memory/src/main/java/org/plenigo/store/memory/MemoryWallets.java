package org.plenigo.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.wallet.BalanceChange;
import org.plenigo.core.wallet.CreditLot;
import org.plenigo.core.wallet.CreditLotId;
import org.plenigo.core.wallet.CreditLotRepository;
import org.plenigo.core.wallet.CustomerWallet;
import org.plenigo.core.wallet.CustomerWalletId;
import org.plenigo.core.wallet.CustomerWalletRepository;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryId;
import org.plenigo.core.wallet.LedgerEntryType;
import org.plenigo.core.wallet.LedgerRepository;

/**
 * Customer wallets, their credit lots and their ledger. Units of work never interleave, so a
 * balance is read and replaced within one, and a debit that the balance does not cover changes
 * nothing.
 */
final class MemoryWallets {
    private static final Comparator<CreditLot> CONSUMPTION_ORDER =
            Comparator.<CreditLot, Instant>comparing(l -> l.expiresAt().orElse(Instant.MAX))
                    .thenComparing(CreditLot::addedAt).thenComparing(l -> l.id().value());

    private final MemoryTable<CustomerWalletId, CustomerWallet> customerWallets;
    private final MemoryTable<Owner, CustomerWalletId> walletsByOwner;
    private final MemoryTable<CreditLotId, CreditLot> lots;
    private final MemoryTable<CustomerWalletId, List<CreditLotId>> openLotsByWallet;
    private final MemoryTable<LedgerEntryId, LedgerEntry> ledgerEntries;
    private final MemoryTable<Position, LedgerEntryId> ledgerPositions;
    private final MemoryTable<ChargeReference, List<Instant>> topUpDates;

    final CustomerWalletRepository customerWalletRepository = new CustomerWalletRepository() {
        public boolean insert(CustomerWallet wallet) {
            Owner owner = new Owner(wallet.customerId(), wallet.walletId());
            if (customerWallets.contains(wallet.id()) || walletsByOwner.contains(owner)) {
                return false;
            }
            customerWallets.insert(wallet.id(), wallet);
            walletsByOwner.insert(owner, wallet.id());
            return true;
        }

        public Optional<CustomerWallet> find(CustomerWalletId id) {
            return customerWallets.find(id);
        }

        public Optional<CustomerWallet> find(CustomerId customerId, WalletId walletId) {
            return walletsByOwner.find(new Owner(customerId, walletId)).flatMap(customerWallets::find);
        }

        public Optional<CustomerWallet> findForUpdate(CustomerWalletId id) {
            // units of work never interleave here: every read already holds the store's lock
            return customerWallets.find(id);
        }

        public BalanceChange credit(CustomerWalletId id, long credits) {
            Require.positive(credits, "credits");
            CustomerWallet w = require(id);
            return change(w, Math.addExact(w.balance(), credits));
        }

        public Optional<BalanceChange> debit(CustomerWalletId id, long credits) {
            Require.positive(credits, "credits");
            return customerWallets.find(id).filter(w -> w.balance() >= credits)
                    .map(w -> change(w, w.balance() - credits));
        }

        private BalanceChange change(CustomerWallet w, long balance) {
            CustomerWallet changed = new CustomerWallet(w.id(), w.customerId(), w.walletId(), balance, w.version() + 1);
            customerWallets.update(w.id(), changed);
            return new BalanceChange(changed.balance(), changed.version());
        }

        private CustomerWallet require(CustomerWalletId id) {
            return customerWallets.find(id)
                    .orElseThrow(() -> new NotFoundException("customer wallet", id));
        }
    };

    final CreditLotRepository creditLotRepository = new CreditLotRepository() {
        public boolean insert(CreditLot lot) {
            if (!lots.insert(lot.id(), lot)) {
                return false;
            }
            if (lot.remaining() > 0) {
                List<CreditLotId> open = new ArrayList<>(openLots(lot.customerWalletId()));
                open.add(lot.id());
                openLotsByWallet.update(lot.customerWalletId(), List.copyOf(open));
            }
            return true;
        }

        public List<CreditLot> findOpen(CustomerWalletId walletId) {
            return openLots(walletId).stream().map(id -> lots.find(id).orElseThrow())
                    .sorted(CONSUMPTION_ORDER).toList();
        }

        public boolean take(CreditLotId id, long credits) {
            Require.positive(credits, "credits");
            CreditLot lot = lots.find(id).orElse(null);
            if (lot == null || lot.remaining() < credits) {
                return false;
            }
            CreditLot taken = new CreditLot(lot.id(), lot.customerWalletId(), lot.credits(), lot.remaining() - credits,
                    lot.addedAt(), lot.expiresAt());
            lots.update(id, taken);
            if (taken.remaining() == 0) {
                openLotsByWallet.update(lot.customerWalletId(),
                        openLots(lot.customerWalletId()).stream().filter(l -> !l.equals(id)).toList());
            }
            return true;
        }

        public List<CreditLot> findExpired(Instant now, int limit) {
            return openLotsByWallet.values().stream().flatMap(List::stream).map(id -> lots.find(id).orElseThrow())
                    .filter(l -> l.expiresAt().filter(at -> !at.isAfter(now)).isPresent())
                    .sorted(CONSUMPTION_ORDER).limit(limit).toList();
        }

        private List<CreditLotId> openLots(CustomerWalletId walletId) {
            return openLotsByWallet.find(walletId).orElse(List.of());
        }
    };

    final LedgerRepository ledgerRepository = new LedgerRepository() {
        public boolean insert(LedgerEntry entry) {
            Position position = new Position(entry.customerWalletId(), entry.sequence());
            if (ledgerEntries.contains(entry.id()) || ledgerPositions.contains(position)) {
                return false;
            }
            ledgerEntries.insert(entry.id(), entry);
            ledgerPositions.insert(position, entry.id());
            if (entry.type() == LedgerEntryType.TOP_UP && entry.paidBy().isPresent()) {
                ChargeReference paidBy = entry.paidBy().get();
                List<Instant> dates = new ArrayList<>(topUpDates.find(paidBy).orElse(List.of()));
                dates.add(entry.at());
                topUpDates.update(paidBy, List.copyOf(dates));
            }
            return true;
        }

        public Optional<LedgerEntry> find(LedgerEntryId id) {
            return ledgerEntries.find(id);
        }

        public List<LedgerEntry> findByCustomerWallet(CustomerWalletId walletId) {
            long last = customerWallets.find(walletId).map(CustomerWallet::version).orElse(0L);
            List<LedgerEntry> entries = new ArrayList<>();
            for (long sequence = 1; sequence <= last; sequence++) {
                ledgerPositions.find(new Position(walletId, sequence)).flatMap(ledgerEntries::find).ifPresent(entries::add);
            }
            return entries;
        }

        public int countTopUps(ChargeReference paidBy, Instant since) {
            return (int) topUpDates.find(paidBy).orElse(List.of()).stream()
                    .filter(at -> !at.isBefore(since)).count();
        }
    };

    MemoryWallets(MemoryTransactions transactions) {
        customerWallets = new MemoryTable<>(transactions);
        walletsByOwner = new MemoryTable<>(transactions);
        lots = new MemoryTable<>(transactions);
        openLotsByWallet = new MemoryTable<>(transactions);
        ledgerEntries = new MemoryTable<>(transactions);
        ledgerPositions = new MemoryTable<>(transactions);
        topUpDates = new MemoryTable<>(transactions);
    }

    /** A customer's wallet of one kind: at most one each. */
    private record Owner(CustomerId customerId, WalletId walletId) {
    }

    /** A ledger entry's place in its wallet's ledger. */
    private record Position(CustomerWalletId walletId, long sequence) {
    }
}
