package org.plenigo.store.memory;

import java.util.Objects;

/**
 * A map for the one read that runs on every page view: open addressing over parallel arrays of
 * keys, their hash codes and values (linear probing), so that a look-up loads a key and its value
 * side by side instead of following a hash table's slot to a node and the node to its value. Values are
 * written in units of work only and undone with them, like {@link MemoryTable}; a key once added
 * is never removed (undoing its addition leaves it without a value, which reads as absent).
 *
 * <p>Reads take no lock. A read that overlaps a write may find a stale or no value but never fails
 * and never loops for ever (the table is never more than half full and is replaced whole when it
 * grows); {@link MemoryTransactions#read} runs such a read again.
 */
final class ReadIndex<K, V> {
    private static final int INITIAL_CAPACITY = 64;

    private final MemoryTransactions transactions;
    private volatile Slots slots = new Slots(INITIAL_CAPACITY);
    /** Keys added, including those whose value was undone; written under the store's lock. */
    private int size;

    ReadIndex(MemoryTransactions transactions) {
        this.transactions = transactions;
    }

    /** The keys, their spread hash codes and the values, of one capacity, a power of two. */
    private static final class Slots {
        final Object[] keys;
        final int[] hashes;
        final Object[] values;
        final int mask;

        Slots(int capacity) {
            keys = new Object[capacity];
            hashes = new int[capacity];
            values = new Object[capacity];
            mask = capacity - 1;
        }

        /**
         * The slot of {@code key} or the empty slot where it would go; there always is one, as the
         * table is never more than half full, and a key once set is never removed.
         */
        int slotOf(Object key, int hash) {
            int i = hash & mask;
            // the hash first: comparing a key that differs would load it from memory
            while (keys[i] != null && (hashes[i] != hash || keys[i] != key && !keys[i].equals(key))) {
                i = (i + 1) & mask;
            }
            return i;
        }
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(K key) {
        transactions.requireOpen();
        Slots s = slots;
        int i = s.slotOf(key, spread(key.hashCode()));
        return s.keys[i] == null ? null : (V) s.values[i];
    }

    /** Sets the value of {@code key} (not null), to be undone if the unit of work rolls back. */
    void put(K key, V value) {
        Objects.requireNonNull(value, "value");
        transactions.requireUnitOfWork();
        V previous = get(key);
        set(key, value);
        transactions.written(() -> set(key, previous));
    }

    /** Sets the value, null included (an undone addition); adds the key if it is new. */
    private void set(K key, V value) {
        Slots s = slots;
        int hash = spread(key.hashCode());
        int i = s.slotOf(key, hash);
        if (s.keys[i] != null) {
            s.values[i] = value;
            return;
        }
        if (value == null) {
            return;
        }
        if (2 * (size + 1) > s.keys.length) {
            s = grown(s);
            i = s.slotOf(key, hash);
        }
        s.hashes[i] = hash;
        s.values[i] = value;
        s.keys[i] = key;
        size++;
        if (s != slots) {
            slots = s;
        }
    }

    /** A table of twice the capacity with every key and value of {@code s}, not yet published. */
    private static Slots grown(Slots s) {
        Slots bigger = new Slots(2 * s.keys.length);
        for (int j = 0; j < s.keys.length; j++) {
            Object key = s.keys[j];
            if (key != null) {
                int i = bigger.slotOf(key, s.hashes[j]);
                bigger.keys[i] = key;
                bigger.hashes[i] = s.hashes[j];
                bigger.values[i] = s.values[j];
            }
        }
        return bigger;
    }

    /** Spreads the hash's higher bits down, as keys' hash codes often differ only there. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
