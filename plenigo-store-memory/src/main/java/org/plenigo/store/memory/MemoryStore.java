package org.plenigo.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessRightItemRepository;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.CustomerStanding;
import org.plenigo.core.access.ItemsForCheck;
import org.plenigo.core.access.Meter;
import org.plenigo.core.access.MeterReading;
import org.plenigo.core.access.MeterRepository;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.access.SponsorGrantRepository;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.AccessRightRepository;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.CreditProductRepository;
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
import org.plenigo.core.time.Micros;
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
 *
 * <p>Access right items are kept by id, per customer as an immutable list sorted by start, then
 * id, and per customer once more, with the customer's standing, as one array of the numbers an
 * access check needs; each write of an item or a customer replaces its customer's list and array.
 * An access check ({@link AccessRightItemRepository#findForCheck}) is then one look-up in a
 * {@link ReadIndex} and a loop over one array, run through {@link Transactions#read}, which takes no
 * lock unless a unit of work is in progress. A meter row holds the meter and the contents counted
 * in its current period; sponsor grants are indexed by the rights and contents they name.
 */
public final class MemoryStore implements Store {
    private static final Comparator<Subscription> OLDEST_FIRST =
            Comparator.comparing(Subscription::startedAt).thenComparing(s -> s.id().value());
    private static final Comparator<AccessRightItem> BY_START_THEN_ID =
            Comparator.comparing(AccessRightItem::startsAt).thenComparing(i -> i.id().value());
    private static final Comparator<SponsorGrant> GRANT_BY_ID = Comparator.comparing(g -> g.id().value());
    private static final Comparator<OfferId> OFFER_BY_ID = Comparator.comparing(OfferId::value);
    private static final Comparator<CreditLot> CONSUMPTION_ORDER =
            Comparator.<CreditLot, Instant>comparing(l -> l.expiresAt().orElse(Instant.MAX))
                    .thenComparing(CreditLot::addedAt).thenComparing(l -> l.id().value());

    private final MemoryTransactions transactions = new MemoryTransactions();

    private final MemoryTable<ProductContractId, ProductContract> productContracts = table();
    private final MemoryTable<WalletId, Wallet> wallets = table();
    private final MemoryTable<AccessRightId, AccessRight> accessRights = table();
    private final MemoryTable<OfferId, Offer> offers = table();
    /** The ids of the offers granting each access right, ordered by id. */
    private final MemoryTable<AccessRightId, List<OfferId>> offersByRight = table();
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
    private final MemoryTable<CreditProductId, CreditProduct> creditProductRows = table();
    private final MemoryTable<AccessRightItemId, AccessRightItem> items = table();
    /** Each customer's access right items, by start, then id. */
    private final MemoryTable<CustomerId, List<AccessRightItem>> itemsByCustomer = table();
    /** What an access check needs of each customer that exists or holds items, see {@link CheckIndex}. */
    private final ReadIndex<CustomerId, long[]> checkIndex = new ReadIndex<>(transactions);
    /**
     * A number for each access right an item was ever granted for (by its id's value), by which
     * {@link CheckIndex} keeps them. Numbers are handed out in units of work and never taken back
     * (a rolled-back unit of work leaves a number no item uses), so a check reads them without the
     * lock.
     */
    private final Map<String, Integer> rightNumbers = new ConcurrentHashMap<>();
    private final MemoryTable<MeterKey, MeterRow> meterRows = table();
    private final MemoryTable<SponsorGrantId, SponsorGrant> grants = table();
    private final MemoryTable<AccessRightId, List<SponsorGrant>> grantsByRight = table();
    private final MemoryTable<ContentId, List<SponsorGrant>> grantsByContent = table();
    private final MemoryTable<SponsorGrantId, Long> grantReaderCounts = table();
    private final MemoryTable<GrantReader, Boolean> grantReaders = table();

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
            if (!offers.insert(offer.id(), offer)) {
                return false;
            }
            offer.accessRights().forEach(right -> addSorted(offersByRight, right, offer.id(), OFFER_BY_ID));
            return true;
        }

        public Optional<Offer> find(OfferId id) {
            return offers.find(id);
        }

        public List<OfferId> findGranting(Collection<AccessRightId> accessRights) {
            if (accessRights.size() == 1) {
                List<OfferId> granting = offersByRight.get(accessRights.iterator().next());
                return granting == null ? List.of() : granting;
            }
            Set<OfferId> granting = new TreeSet<>(OFFER_BY_ID);
            for (AccessRightId right : accessRights) {
                granting.addAll(offersByRight.find(right).orElse(List.of()));
            }
            return List.copyOf(granting);
        }
    };

    private final CustomerRepository customerRepository = new CustomerRepository() {
        public boolean insert(Customer customer) {
            if (!customers.insert(customer.id(), customer)) {
                return false;
            }
            indexChecks(customer.id());
            return true;
        }

        public Optional<Customer> find(CustomerId id) {
            return customers.find(id);
        }

        public boolean setBlocked(CustomerId id, boolean blocked) {
            Customer customer = customers.get(id);
            if (customer == null) {
                return false;
            }
            if (customer.blocked() != blocked) {
                Customer changed = customer.withBlocked(blocked);
                customers.update(id, changed);
                indexChecks(id);
            }
            return true;
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

    private final CreditProductRepository creditProductRepository = new CreditProductRepository() {
        public boolean insert(CreditProduct product) {
            return creditProductRows.insert(product.id(), product);
        }

        public Optional<CreditProduct> find(CreditProductId id) {
            return creditProductRows.find(id);
        }
    };

    private final AccessRightItemRepository accessRightItemRepository = new AccessRightItemRepository() {
        public boolean insert(AccessRightItem item) {
            if (!items.insert(item.id(), item)) {
                return false;
            }
            List<AccessRightItem> held = heldBy(item.customerId());
            List<AccessRightItem> changed = new ArrayList<>(held.size() + 1);
            changed.addAll(held);
            // ids are unique, so the item is not in the list yet and the search returns -(insertion point) - 1
            changed.add(-Collections.binarySearch(held, item, BY_START_THEN_ID) - 1, item);
            itemsByCustomer.update(item.customerId(), List.copyOf(changed));
            indexChecks(item.customerId());
            return true;
        }

        public Optional<AccessRightItem> find(AccessRightItemId id) {
            return items.find(id);
        }

        public boolean end(AccessRightItemId id, Instant endsAt) {
            AccessRightItem item = items.get(id);
            if (item == null) {
                return false;
            }
            Instant end = endsAt.isBefore(item.startsAt()) ? item.startsAt() : endsAt;
            if (item.endsAt().isPresent() && !item.endsAt().get().isAfter(end)) {
                return false;
            }
            replace(item, new AccessRightItem(item.id(), item.customerId(), item.accessRightId(), item.contentId(),
                    item.source(), item.startsAt(), Optional.of(end), item.blocked(), item.reference()));
            return true;
        }

        public boolean setBlocked(AccessRightItemId id, boolean blocked) {
            AccessRightItem item = items.get(id);
            if (item == null) {
                return false;
            }
            if (item.blocked() != blocked) {
                replace(item, new AccessRightItem(item.id(), item.customerId(), item.accessRightId(),
                        item.contentId(), item.source(), item.startsAt(), item.endsAt(), blocked, item.reference()));
            }
            return true;
        }

        public List<AccessRightItem> findByCustomer(CustomerId customerId) {
            return heldBy(customerId);
        }

        public CustomerStanding findForCheck(CustomerId customerId, Collection<AccessRightId> accessRights,
                                             Collection<ContentId> contents, long atMicros, ItemsForCheck items) {
            long[] index = checkIndex.get(customerId);
            if (index == null || !CheckIndex.known(index)) {
                return CustomerStanding.UNKNOWN;
            }
            int[] rights = new int[accessRights.size()];
            int r = 0;
            for (AccessRightId right : accessRights) {
                // a right no item was ever granted for has no number, and -1 matches nothing
                rights[r++] = rightNumbers.getOrDefault(right.value(), -1);
            }
            // the list and the index are written together: a read that finds them apart (and may fail
            // on it) overlapped a unit of work and is run again
            CheckIndex.pass(index, rights, contents, i -> heldBy(customerId).get(i).contentId().orElseThrow(),
                    atMicros, items);
            return CheckIndex.blocked(index) ? CustomerStanding.BLOCKED : CustomerStanding.ACTIVE;
        }

        public List<CustomerId> findHolders(Instant from, Instant to) {
            List<CustomerId> holders = new ArrayList<>();
            for (CustomerId customer : itemsByCustomer.keys()) {
                for (AccessRightItem item : heldBy(customer)) {
                    if (item.activeWithin(from, to)) {
                        holders.add(customer);
                        break;
                    }
                }
            }
            holders.sort(Comparator.comparing(CustomerId::value));
            return holders;
        }

        private void replace(AccessRightItem item, AccessRightItem changed) {
            items.update(item.id(), changed);
            replaceIn(itemsByCustomer, item.customerId(), item, changed);
            indexChecks(item.customerId());
        }

        private List<AccessRightItem> heldBy(CustomerId customerId) {
            List<AccessRightItem> held = itemsByCustomer.get(customerId);
            return held == null ? List.of() : held;
        }
    };

    private final MeterRepository meterRepository = new MeterRepository() {
        public Optional<MeterReading> read(String reader, AccessRightId accessRightId, ContentId content) {
            MeterRow row = meterRows.get(new MeterKey(reader, accessRightId));
            return row == null ? Optional.empty()
                    : Optional.of(new MeterReading(row.meter(), row.viewed().contains(content)));
        }

        public boolean insert(Meter meter) {
            return meterRows.insert(new MeterKey(meter.reader(), meter.accessRightId()), new MeterRow(meter, Set.of()));
        }

        public boolean restart(String reader, AccessRightId accessRightId, Instant currentStart, Instant newStart,
                               Instant newEnd) {
            MeterKey key = new MeterKey(reader, accessRightId);
            MeterRow row = meterRows.get(key);
            if (row == null || !row.meter().periodStart().equals(currentStart)) {
                return false;
            }
            meterRows.update(key, new MeterRow(new Meter(reader, accessRightId, newStart, newEnd, 0), Set.of()));
            return true;
        }

        public OptionalInt count(String reader, AccessRightId accessRightId, Instant periodStart, ContentId content,
                                 int limit) {
            MeterKey key = new MeterKey(reader, accessRightId);
            MeterRow row = meterRows.get(key);
            if (row == null || !row.meter().periodStart().equals(periodStart) || row.meter().views() >= limit
                    || row.viewed().contains(content)) {
                return OptionalInt.empty();
            }
            Meter meter = row.meter();
            Set<ContentId> viewed = new HashSet<>(row.viewed());
            viewed.add(content);
            meterRows.update(key, new MeterRow(new Meter(reader, accessRightId, meter.periodStart(),
                    meter.periodEnd(), meter.views() + 1), Set.copyOf(viewed)));
            return OptionalInt.of(meter.views() + 1);
        }
    };

    private final SponsorGrantRepository sponsorGrantRepository = new SponsorGrantRepository() {
        public boolean insert(SponsorGrant grant) {
            if (!grants.insert(grant.id(), grant)) {
                return false;
            }
            grant.accessRights().forEach(right -> addSorted(grantsByRight, right, grant, GRANT_BY_ID));
            grant.contents().forEach(content -> addSorted(grantsByContent, content, grant, GRANT_BY_ID));
            return true;
        }

        public Optional<SponsorGrant> find(SponsorGrantId id) {
            return grants.find(id);
        }

        public boolean endAt(SponsorGrantId id, Instant validUntil) {
            SponsorGrant grant = grants.get(id);
            if (grant == null || !validUntil.isAfter(grant.validFrom())
                    || grant.validUntil().isPresent() && !grant.validUntil().get().isAfter(validUntil)) {
                return false;
            }
            SponsorGrant ended = grant.withValidUntil(validUntil);
            grants.update(id, ended);
            grant.accessRights().forEach(right -> replaceIn(grantsByRight, right, grant, ended));
            grant.contents().forEach(content -> replaceIn(grantsByContent, content, grant, ended));
            return true;
        }

        public List<SponsorGrant> findFor(Collection<AccessRightId> accessRights, Collection<ContentId> contents,
                                          Instant at) {
            List<SponsorGrant> found = new ArrayList<>();
            for (AccessRightId right : accessRights) {
                addValid(found, grantsByRight.get(right), at);
            }
            for (ContentId content : contents) {
                addValid(found, grantsByContent.get(content), at);
            }
            if (found.size() > 1) {
                TreeSet<SponsorGrant> byId = new TreeSet<>(GRANT_BY_ID);
                byId.addAll(found);
                return List.copyOf(byId);
            }
            return List.copyOf(found);
        }

        public long readers(SponsorGrantId id) {
            Long readers = grantReaderCounts.get(id);
            return readers == null ? 0 : readers;
        }

        public boolean hasReader(SponsorGrantId id, String reader) {
            return grantReaders.contains(new GrantReader(id, reader));
        }

        public boolean admitReader(SponsorGrantId id, String reader, long budget) {
            GrantReader admitted = new GrantReader(id, reader);
            long readers = readers(id);
            if (!grants.contains(id) || readers >= budget || grantReaders.contains(admitted)) {
                return false;
            }
            grantReaders.insert(admitted, Boolean.TRUE);
            grantReaderCounts.update(id, readers + 1);
            return true;
        }

        private void addValid(List<SponsorGrant> found, List<SponsorGrant> indexed, Instant at) {
            if (indexed != null) {
                for (SponsorGrant grant : indexed) {
                    if (grant.validAt(at)) {
                        found.add(grant);
                    }
                }
            }
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

    @Override
    public CreditProductRepository creditProducts() {
        return creditProductRepository;
    }

    @Override
    public AccessRightItemRepository accessRightItems() {
        return accessRightItemRepository;
    }

    @Override
    public MeterRepository meters() {
        return meterRepository;
    }

    @Override
    public SponsorGrantRepository sponsorGrants() {
        return sponsorGrantRepository;
    }

    /**
     * The customer's items for any of the rights or contents that have not ended at {@code at}, in
     * the order held. The hot path of the access check: no streams, and no allocation beyond the
     * result unless more than one but not all items match.
     */
    private <K, V> MemoryTable<K, V> table() {
        return new MemoryTable<>(transactions);
    }

    private static void requirePositive(long credits) {
        if (credits <= 0) {
            throw new IllegalArgumentException("credits must be positive, was " + credits);
        }
    }

    /** Adds {@code value} to the list kept under {@code key}, which stays in {@code order}. */
    private static <K, V> void addSorted(MemoryTable<K, List<V>> index, K key, V value, Comparator<V> order) {
        List<V> indexed = new ArrayList<>(index.find(key).orElse(List.of()));
        indexed.add(value);
        indexed.sort(order);
        index.update(key, List.copyOf(indexed));
    }

    /** Replaces {@code old} by {@code changed} in the list of {@code key}, in its place. */
    private static <K, V> void replaceIn(MemoryTable<K, List<V>> index, K key, V old, V changed) {
        List<V> indexed = new ArrayList<>(index.get(key));
        indexed.set(indexed.indexOf(old), changed);
        index.update(key, List.copyOf(indexed));
    }

    private int rightNumber(AccessRightId right) {
        Integer number = rightNumbers.get(right.value());
        if (number == null) {
            number = rightNumbers.size();
            rightNumbers.put(right.value(), number);
        }
        return number;
    }

    /** Rebuilds the customer's check index from its record and items: called by every write of either. */
    private void indexChecks(CustomerId customerId) {
        List<AccessRightItem> held = itemsByCustomer.get(customerId);
        checkIndex.put(customerId, CheckIndex.of(customers.get(customerId), held == null ? List.of() : held,
                this::rightNumber));
    }

    /**
     * What an access check needs of one customer, as one array of numbers, so that a check reads one
     * array and follows no pointer to a record (on a large store it is the pointers that cost).
     * {@code index[0]} says whether the customer exists and is blocked; for item {@code i} of the
     * customer's {@code n} (by start, then id), {@code index[1 + i]} is what it opens and its flags,
     * {@code index[1 + n + i]} its start and {@code index[1 + 2n + i]} its end in microseconds
     * ({@link Micros#NEVER} for none). What it opens is the store's number of its access right, or
     * the hash code of its content, which is then compared with the item's content.
     */
    private static final class CheckIndex {
        private static final long KNOWN = 1;
        private static final long CUSTOMER_BLOCKED = 2;
        private static final long FOR_CONTENT = 1;
        private static final long BLOCKED = 2;
        private static final int SOURCE_SHIFT = 2;
        private static final AccessSource[] SOURCES = AccessSource.values();

        private CheckIndex() {
        }

        static long[] of(Customer customer, List<AccessRightItem> items, ToIntFunction<AccessRightId> rightNumber) {
            int n = items.size();
            long[] index = new long[1 + 3 * n];
            index[0] = customer == null ? 0 : KNOWN | (customer.blocked() ? CUSTOMER_BLOCKED : 0);
            for (int i = 0; i < n; i++) {
                AccessRightItem item = items.get(i);
                long flags = (long) item.source().ordinal() << SOURCE_SHIFT | (item.blocked() ? BLOCKED : 0);
                index[1 + i] = item.accessRightId().isPresent()
                        ? (long) rightNumber.applyAsInt(item.accessRightId().get()) << 32 | flags
                        : (long) item.contentId().orElseThrow().hashCode() << 32 | flags | FOR_CONTENT;
                index[1 + n + i] = Micros.of(item.startsAt());
                index[1 + 2 * n + i] = item.endsAt().map(Micros::of).orElse(Micros.NEVER);
            }
            return index;
        }

        static boolean known(long[] index) {
            return (index[0] & KNOWN) != 0;
        }

        static boolean blocked(long[] index) {
            return (index[0] & CUSTOMER_BLOCKED) != 0;
        }

        /**
         * Passes {@code to} the items for one of the rights (by the store's numbers) or contents that
         * have not ended at {@code at}, in order, until it answers false; {@code content} tells the
         * content of item {@code i} when its hash code is one asked for.
         */
        static void pass(long[] index, int[] rights, Collection<ContentId> contents, IntFunction<ContentId> content,
                         long at, ItemsForCheck to) {
            int n = (index.length - 1) / 3;
            int[] contentHashes = null;
            for (int i = 0; i < n; i++) {
                long opens = index[1 + i];
                int key = (int) (opens >>> 32);
                boolean asked;
                if ((opens & FOR_CONTENT) == 0) {
                    asked = contains(rights, key);
                } else {
                    contentHashes = contentHashes == null ? hashes(contents) : contentHashes;
                    asked = contains(contentHashes, key) && contents.contains(content.apply(i));
                }
                long end = index[1 + 2 * n + i];
                if (asked && end > at && !to.add(SOURCES[(int) (opens >>> SOURCE_SHIFT) & 7], index[1 + n + i], end,
                        (opens & BLOCKED) != 0)) {
                    return;
                }
            }
        }

        private static int[] hashes(Collection<ContentId> contents) {
            int[] hashes = new int[contents.size()];
            int h = 0;
            for (ContentId content : contents) {
                hashes[h++] = content.hashCode();
            }
            return hashes;
        }

        private static boolean contains(int[] values, int value) {
            for (int v : values) {
                if (v == value) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A customer's wallet of one kind: at most one each. */
    private record Owner(CustomerId customerId, WalletId walletId) {
    }

    /** A reader's meter of one access right. */
    private record MeterKey(String reader, AccessRightId accessRightId) {
    }

    /** A meter and the contents counted in its current period. */
    private record MeterRow(Meter meter, Set<ContentId> viewed) {
    }

    /** A reader admitted under a sponsor grant's budget. */
    private record GrantReader(SponsorGrantId grantId, String reader) {
    }

    /** A ledger entry's place in its wallet's ledger. */
    private record Position(CustomerWalletId walletId, long sequence) {
    }
}
