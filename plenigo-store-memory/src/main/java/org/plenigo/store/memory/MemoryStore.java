package org.plenigo.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.AccessRightRepository;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferRepository;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.ProductContractRepository;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.catalog.WalletRepository;
import org.plenigo.core.charge.Charge;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeRepository;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.CustomerRepository;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.idempotency.IdempotencyRepository;
import org.plenigo.core.store.Store;
import org.plenigo.core.store.Transactions;
import org.plenigo.core.subscription.Subscription;
import org.plenigo.core.subscription.SubscriptionId;
import org.plenigo.core.subscription.SubscriptionRepository;
import org.plenigo.core.subscription.SubscriptionStatus;
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
 * A thread-safe store that keeps everything in memory, for tests, demos and small sites. Units of
 * work run one at a time and roll back completely when they throw, with the same atomicity as the
 * JDBC store. Nothing survives the JVM.
 */
public final class MemoryStore implements Store {
    private static final Comparator<Subscription> OLDEST_FIRST =
            Comparator.comparing(Subscription::startedAt).thenComparing(s -> s.id().value());
    private static final Comparator<CreditLot> CONSUMPTION_ORDER =
            Comparator.<CreditLot, Instant>comparing(l -> l.expiresAt().orElse(Instant.MAX))
                    .thenComparing(CreditLot::addedAt).thenComparing(l -> l.id().value());

    private final MemoryTransactions transactions = new MemoryTransactions();

    private final MemoryTable<ProductContractId, ProductContract> productContracts = table();
    private final MemoryTable<WalletId, Wallet> wallets = table();
    private final MemoryTable<AccessRightId, AccessRight> accessRights = table();
    private final MemoryTable<OfferId, Offer> offers = table();
    private final MemoryTable<CustomerId, Customer> customers = table();
    private final MemoryTable<SubscriptionId, Subscription> subscriptions = table();
    private final MemoryTable<CustomerWalletId, CustomerWallet> customerWallets = table();
    private final MemoryTable<Owner, CustomerWalletId> walletsByOwner = table();
    private final MemoryTable<CreditLotId, CreditLot> lots = table();
    private final MemoryTable<CustomerWalletId, List<CreditLotId>> openLotsByWallet = table();
    private final MemoryTable<LedgerEntryId, LedgerEntry> ledgerEntries = table();
    private final MemoryTable<Position, LedgerEntryId> ledgerPositions = table();
    private final MemoryTable<SubscriptionId, List<Instant>> topUpDates = table();
    private final MemoryTable<IdempotencyKey, IdempotencyRecord> idempotencyRecords = table();
    private final MemoryTable<ChargeId, Charge> chargeRows = table();
    private final MemoryTable<IdempotencyKey, ChargeId> chargesByKey = table();

    private final ProductContractRepository productContractRepository = new ProductContractRepository() {
        public boolean insert(ProductContract contract) {
            return productContracts.insert(contract.id(), contract);
        }

        public Optional<ProductContract> find(ProductContractId id) {
            return productContracts.find(id);
        }
    };

    private final WalletRepository walletRepository = new WalletRepository() {
        public boolean insert(Wallet wallet) {
            return wallets.insert(wallet.id(), wallet);
        }

        public Optional<Wallet> find(WalletId id) {
            return wallets.find(id);
        }
    };

    private final AccessRightRepository accessRightRepository = new AccessRightRepository() {
        public boolean insert(AccessRight right) {
            return accessRights.insert(right.id(), right);
        }

        public Optional<AccessRight> find(AccessRightId id) {
            return accessRights.find(id);
        }
    };

    private final OfferRepository offerRepository = new OfferRepository() {
        public boolean insert(Offer offer) {
            return offers.insert(offer.id(), offer);
        }

        public Optional<Offer> find(OfferId id) {
            return offers.find(id);
        }
    };

    private final CustomerRepository customerRepository = new CustomerRepository() {
        public boolean insert(Customer customer) {
            return customers.insert(customer.id(), customer);
        }

        public Optional<Customer> find(CustomerId id) {
            return customers.find(id);
        }
    };

    private final SubscriptionRepository subscriptionRepository = new SubscriptionRepository() {
        public boolean insert(Subscription subscription) {
            return subscriptions.insert(subscription.id(), subscription);
        }

        public Optional<Subscription> find(SubscriptionId id) {
            return subscriptions.find(id);
        }

        public List<Subscription> findByCustomer(CustomerId customerId) {
            return subscriptions.values().stream().filter(s -> s.customerId().equals(customerId))
                    .sorted(OLDEST_FIRST).toList();
        }

        public List<Subscription> findByCustomerWallet(CustomerWalletId walletId) {
            return subscriptions.values().stream()
                    .filter(s -> s.customerWalletId().filter(walletId::equals).isPresent())
                    .sorted(OLDEST_FIRST).toList();
        }

        public List<Subscription> findDueTopUps(Instant now, int limit) {
            return subscriptions.values().stream()
                    .filter(s -> s.nextTopUpAt().filter(at -> !at.isAfter(now)).isPresent())
                    .sorted(Comparator.<Subscription, Instant>comparing(s -> s.nextTopUpAt().orElseThrow())
                            .thenComparing(s -> s.id().value()))
                    .limit(limit).toList();
        }

        public boolean advanceTopUp(SubscriptionId id, long expectedIndex, long nextIndex, Instant nextTopUpAt) {
            Subscription s = subscriptions.find(id).orElse(null);
            if (s == null || s.status() != SubscriptionStatus.ACTIVE || s.nextTopUpIndex() != expectedIndex
                    || s.nextTopUpAt().isEmpty()) {
                return false;
            }
            subscriptions.update(id, new Subscription(s.id(), s.customerId(), s.offerId(), s.status(), s.startedAt(),
                    s.cancelledAt(), s.customerWalletId(), s.topUpType(), nextIndex, Optional.of(nextTopUpAt)));
            return true;
        }

        public boolean cancel(SubscriptionId id, Instant at) {
            Subscription s = subscriptions.find(id).orElse(null);
            if (s == null || !s.isActive()) {
                return false;
            }
            subscriptions.update(id, s.cancelled(at));
            return true;
        }
    };

    private final CustomerWalletRepository customerWalletRepository = new CustomerWalletRepository() {
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
            requirePositive(credits);
            CustomerWallet w = require(id);
            return change(w, Math.addExact(w.balance(), credits));
        }

        public Optional<BalanceChange> debit(CustomerWalletId id, long credits) {
            requirePositive(credits);
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
                    .orElseThrow(() -> new IllegalArgumentException("no customer wallet " + id));
        }
    };

    private final CreditLotRepository creditLotRepository = new CreditLotRepository() {
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
            requirePositive(credits);
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

    private final LedgerRepository ledgerRepository = new LedgerRepository() {
        public boolean insert(LedgerEntry entry) {
            Position position = new Position(entry.customerWalletId(), entry.sequence());
            if (ledgerEntries.contains(entry.id()) || ledgerPositions.contains(position)) {
                return false;
            }
            ledgerEntries.insert(entry.id(), entry);
            ledgerPositions.insert(position, entry.id());
            if (entry.type() == LedgerEntryType.TOP_UP && entry.subscriptionId().isPresent()) {
                SubscriptionId subscription = entry.subscriptionId().get();
                List<Instant> dates = new ArrayList<>(topUpDates.find(subscription).orElse(List.of()));
                dates.add(entry.at());
                topUpDates.update(subscription, List.copyOf(dates));
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

        public int countTopUps(SubscriptionId subscriptionId, Instant since) {
            return (int) topUpDates.find(subscriptionId).orElse(List.of()).stream()
                    .filter(at -> !at.isBefore(since)).count();
        }
    };

    private final IdempotencyRepository idempotencyRepository = new IdempotencyRepository() {
        public Optional<IdempotencyRecord> find(IdempotencyKey key) {
            return idempotencyRecords.find(key);
        }

        public boolean insert(IdempotencyRecord record) {
            return idempotencyRecords.insert(record.key(), record);
        }
    };

    private final ChargeRepository chargeRepository = new ChargeRepository() {
        public boolean insert(Charge charge) {
            if (chargeRows.contains(charge.id()) || chargesByKey.contains(charge.request().key())) {
                return false;
            }
            chargeRows.insert(charge.id(), charge);
            chargesByKey.insert(charge.request().key(), charge.id());
            return true;
        }

        public Optional<Charge> findByKey(IdempotencyKey key) {
            return chargesByKey.find(key).flatMap(chargeRows::find);
        }

        public List<Charge> findByCustomer(CustomerId customerId) {
            Stream<Charge> charges = chargeRows.values().stream()
                    .filter(c -> c.request().customerId().equals(customerId));
            return charges.sorted(Comparator.<Charge, Instant>comparing(c -> c.request().at())
                    .thenComparing(c -> c.id().value())).toList();
        }
    };

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public ProductContractRepository productContracts() {
        return productContractRepository;
    }

    @Override
    public WalletRepository wallets() {
        return walletRepository;
    }

    @Override
    public AccessRightRepository accessRights() {
        return accessRightRepository;
    }

    @Override
    public OfferRepository offers() {
        return offerRepository;
    }

    @Override
    public CustomerRepository customers() {
        return customerRepository;
    }

    @Override
    public SubscriptionRepository subscriptions() {
        return subscriptionRepository;
    }

    @Override
    public CustomerWalletRepository customerWallets() {
        return customerWalletRepository;
    }

    @Override
    public CreditLotRepository creditLots() {
        return creditLotRepository;
    }

    @Override
    public LedgerRepository ledger() {
        return ledgerRepository;
    }

    @Override
    public IdempotencyRepository idempotency() {
        return idempotencyRepository;
    }

    @Override
    public ChargeRepository charges() {
        return chargeRepository;
    }

    private <K, V> MemoryTable<K, V> table() {
        return new MemoryTable<>(transactions);
    }

    private static void requirePositive(long credits) {
        if (credits <= 0) {
            throw new IllegalArgumentException("credits must be positive, was " + credits);
        }
    }

    /** A customer's wallet of one kind: at most one each. */
    private record Owner(CustomerId customerId, WalletId walletId) {
    }

    /** A ledger entry's place in its wallet's ledger. */
    private record Position(CustomerWalletId walletId, long sequence) {
    }
}
