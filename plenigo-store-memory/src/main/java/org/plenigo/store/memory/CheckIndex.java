package org.plenigo.store.memory;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.CheckItems;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.Customer;

/**
 * What an access check needs of one customer, built when the customer or one of its items is
 * written, so that a check reads one array of numbers, follows no pointer to a record until an
 * item matches, and makes nothing but the list of the items it found.
 *
 * <p>{@code numbers[0]} says whether the customer exists and is blocked; for item {@code i} of the
 * customer's {@code n} (by start, then id), {@code numbers[1 + i]} is what it opens and
 * {@code numbers[1 + n + i]} its end in microseconds since the epoch ({@link #NEVER} for none).
 * What it opens is the store's number of its access right, or the hash code of its content, which
 * is then compared with the item's content. The items as the check hands them out are made once
 * here: items never change, a changed item is a new one and builds a new index.
 */
final class CheckIndex {
    private static final long KNOWN = 1;
    private static final long CUSTOMER_BLOCKED = 2;
    private static final long FOR_CONTENT = 1;
    /** The end of an item without one: later than any instant kept. */
    private static final long NEVER = Long.MAX_VALUE;

    private final long[] numbers;
    private final CheckItems.Item[] items;
    /** Each item's content, {@code null} for an item of an access right. */
    private final ContentId[] contents;

    private CheckIndex(long[] numbers, CheckItems.Item[] items, ContentId[] contents) {
        this.numbers = numbers;
        this.items = items;
        this.contents = contents;
    }

    static CheckIndex of(Customer customer, List<AccessRightItem> held, ToIntFunction<AccessRightId> rightNumber) {
        int n = held.size();
        long[] numbers = new long[1 + 2 * n];
        CheckItems.Item[] items = new CheckItems.Item[n];
        ContentId[] contents = new ContentId[n];
        numbers[0] = customer == null ? 0 : KNOWN | (customer.blocked() ? CUSTOMER_BLOCKED : 0);
        for (int i = 0; i < n; i++) {
            AccessRightItem item = held.get(i);
            if (item.accessRightId().isPresent()) {
                numbers[1 + i] = (long) rightNumber.applyAsInt(item.accessRightId().get()) << 32;
            } else {
                contents[i] = item.contentId().orElseThrow();
                numbers[1 + i] = (long) contents[i].hashCode() << 32 | FOR_CONTENT;
            }
            numbers[1 + n + i] = item.endsAt().map(CheckIndex::micros).orElse(NEVER);
            items[i] = CheckItems.Item.of(item);
        }
        return new CheckIndex(numbers, items, contents);
    }

    boolean known() {
        return (numbers[0] & KNOWN) != 0;
    }

    boolean blocked() {
        return (numbers[0] & CUSTOMER_BLOCKED) != 0;
    }

    /**
     * The items for one of the rights (by the store's numbers) or contents that have not ended at
     * {@code at} (in microseconds), in order.
     */
    List<CheckItems.Item> items(int[] rights, Collection<ContentId> asked, long at) {
        int n = items.length;
        int[] contentHashes = null;
        int first = -1;
        CheckItems.Item[] found = null;
        int count = 0;
        for (int i = 0; i < n; i++) {
            long opens = numbers[1 + i];
            int key = (int) (opens >>> 32);
            boolean match;
            if ((opens & FOR_CONTENT) == 0) {
                match = contains(rights, key);
            } else {
                contentHashes = contentHashes == null ? hashes(asked) : contentHashes;
                match = contains(contentHashes, key) && asked.contains(contents[i]);
            }
            if (match && numbers[1 + n + i] > at) {
                // most checks find one item: it makes no array
                if (first < 0) {
                    first = i;
                } else {
                    if (found == null) {
                        found = new CheckItems.Item[n - first];
                        found[count++] = items[first];
                    }
                    found[count++] = items[i];
                }
            }
        }
        if (first < 0) {
            return List.of();
        }
        return found == null ? List.of(items[first]) : Arrays.asList(found).subList(0, count);
    }

    /** The instant in microseconds since the epoch (sub-microsecond digits dropped). */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
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
