package org.plenigo.store.memory;

import static org.plenigo.store.memory.MemoryTable.addSorted;
import static org.plenigo.store.memory.MemoryTable.replaceIn;

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
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessRightItemRepository;
import org.plenigo.core.access.CheckItems;
import org.plenigo.core.access.CustomerStanding;
import org.plenigo.core.access.Meter;
import org.plenigo.core.access.MeterReading;
import org.plenigo.core.access.MeterRepository;
import org.plenigo.core.access.SponsorGrant;
import org.plenigo.core.access.SponsorGrantId;
import org.plenigo.core.access.SponsorGrantRepository;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.store.Transactions;

/**
 * The access repositories: the items customers hold, meters of free views, sponsor grants.
 *
 * <p>Access right items are kept by id, per customer as an immutable list sorted by start, then
 * id, and per customer once more, with the customer's standing, as one array of the numbers an
 * access check needs ({@link CheckIndex}); each write of an item or a customer replaces its
 * customer's list and array.
 * An access check ({@link AccessRightItemRepository#findForCheck}) is then one look-up in a
 * {@link ReadIndex} and a loop over one array that makes the matching items from its numbers, run
 * through {@link Transactions#read}, which takes no lock unless a unit of work is in progress. A
 * meter row holds the meter and the contents counted in its current period; sponsor grants are
 * indexed by the rights and contents they name.
 */
final class MemoryAccess {
    private static final Comparator<AccessRightItem> BY_START_THEN_ID =
            Comparator.comparing(AccessRightItem::startsAt).thenComparing(i -> i.id().value());
    private static final Comparator<SponsorGrant> GRANT_BY_ID = Comparator.comparing(g -> g.id().value());

    /** The customers, whose standing the check index holds with their items. */
    private final MemoryTable<CustomerId, Customer> customers;
    private final MemoryTable<AccessRightItemId, AccessRightItem> items;
    /** Each customer's access right items, by start, then id. */
    private final MemoryTable<CustomerId, List<AccessRightItem>> itemsByCustomer;
    /** What an access check needs of each customer that exists or holds items, see {@link CheckIndex}. */
    private final ReadIndex<CustomerId, long[]> checkIndex;
    /**
     * A number for each access right an item was ever granted for (by its id's value), by which
     * {@link CheckIndex} keeps them. Numbers are handed out in units of work and never taken back
     * (a rolled-back unit of work leaves a number no item uses), so a check reads them without the
     * lock.
     */
    private final Map<String, Integer> rightNumbers = new ConcurrentHashMap<>();
    private final MemoryTable<MeterKey, MeterRow> meterRows;
    private final MemoryTable<SponsorGrantId, SponsorGrant> grants;
    private final MemoryTable<AccessRightId, List<SponsorGrant>> grantsByRight;
    private final MemoryTable<ContentId, List<SponsorGrant>> grantsByContent;
    private final MemoryTable<SponsorGrantId, Long> grantReaderCounts;
    private final MemoryTable<GrantReader, Boolean> grantReaders;

    final AccessRightItemRepository accessRightItemRepository = new AccessRightItemRepository() {
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

        public boolean extend(AccessRightItemId id, Instant endsAt) {
            AccessRightItem item = items.get(id);
            if (item == null || item.endsAt().isEmpty() || !endsAt.isAfter(item.endsAt().get())) {
                return false;
            }
            replace(item, new AccessRightItem(item.id(), item.customerId(), item.accessRightId(), item.contentId(),
                    item.source(), item.startsAt(), Optional.of(endsAt), item.blocked(), item.reference()));
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

        public CheckItems findForCheck(CustomerId customerId, Collection<AccessRightId> accessRights,
                                       Collection<ContentId> contents, Instant at) {
            long[] index = checkIndex.get(customerId);
            if (index == null || !CheckIndex.known(index)) {
                return CheckItems.UNKNOWN;
            }
            int[] rights = new int[accessRights.size()];
            int r = 0;
            for (AccessRightId right : accessRights) {
                // a right no item was ever granted for has no number, and -1 matches nothing
                rights[r++] = rightNumbers.getOrDefault(right.value(), -1);
            }
            // the list and the index are written together: a read that finds them apart (and may fail
            // on it) overlapped a unit of work and is run again
            List<CheckItems.Item> found = CheckIndex.items(index, rights, contents,
                    i -> heldBy(customerId).get(i).contentId().orElseThrow(), CheckIndex.micros(at));
            return new CheckItems(CheckIndex.blocked(index) ? CustomerStanding.BLOCKED : CustomerStanding.ACTIVE,
                    Optional.empty(), found);
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

    final MeterRepository meterRepository = new MeterRepository() {
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

    final SponsorGrantRepository sponsorGrantRepository = new SponsorGrantRepository() {
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

    MemoryAccess(MemoryTransactions transactions, MemoryTable<CustomerId, Customer> customers) {
        items = new MemoryTable<>(transactions);
        itemsByCustomer = new MemoryTable<>(transactions);
        meterRows = new MemoryTable<>(transactions);
        grants = new MemoryTable<>(transactions);
        grantsByRight = new MemoryTable<>(transactions);
        grantsByContent = new MemoryTable<>(transactions);
        grantReaderCounts = new MemoryTable<>(transactions);
        grantReaders = new MemoryTable<>(transactions);
        checkIndex = new ReadIndex<>(transactions);
        this.customers = customers;
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
    void indexChecks(CustomerId customerId) {
        List<AccessRightItem> held = itemsByCustomer.get(customerId);
        checkIndex.put(customerId, CheckIndex.of(customers.get(customerId), held == null ? List.of() : held,
                this::rightNumber));
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
}
