package org.plenigo.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.CheckItems;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.Customer;

/**
 * What an access check needs of one customer, as one array of numbers, so that a check reads one
 * array and follows no pointer to a record (on a large store it is the pointers that cost).
 * {@code index[0]} says whether the customer exists and is blocked; for item {@code i} of the
 * customer's {@code n} (by start, then id), {@code index[1 + i]} is what it opens and its flags,
 * {@code index[1 + n + i]} its start and {@code index[1 + 2n + i]} its end in microseconds
 * since the epoch ({@link #NEVER} for none). What it opens is the store's number of its access right, or
 * the hash code of its content, which is then compared with the item's content.
 */
final class CheckIndex {
    private static final long KNOWN = 1;
    private static final long CUSTOMER_BLOCKED = 2;
    private static final long FOR_CONTENT = 1;
    private static final long BLOCKED = 2;
    private static final int SOURCE_SHIFT = 2;
    private static final AccessSource[] SOURCES = AccessSource.values();
    /** The end of an item without one: later than any instant kept. */
    private static final long NEVER = Long.MAX_VALUE;

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
            index[1 + n + i] = micros(item.startsAt());
            index[1 + 2 * n + i] = item.endsAt().map(CheckIndex::micros).orElse(NEVER);
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
     * The items for one of the rights (by the store's numbers) or contents that have not ended at
     * {@code at} (in microseconds), in order; {@code content} tells the content of item {@code i}
     * when its hash code is one asked for.
     */
    static List<CheckItems.Item> items(long[] index, int[] rights, Collection<ContentId> contents,
                                       IntFunction<ContentId> content, long at) {
        int n = (index.length - 1) / 3;
        int[] contentHashes = null;
        List<CheckItems.Item> items = null;
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
            if (asked && end > at) {
                items = items == null ? new ArrayList<>(n - i) : items;
                items.add(new CheckItems.Item(SOURCES[(int) (opens >>> SOURCE_SHIFT) & 7], instant(index[1 + n + i]),
                        end == NEVER ? Optional.empty() : Optional.of(instant(end)), (opens & BLOCKED) != 0));
            }
        }
        return items == null ? List.of() : items;
    }

    /** The instant in microseconds since the epoch (sub-microsecond digits dropped). */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
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
