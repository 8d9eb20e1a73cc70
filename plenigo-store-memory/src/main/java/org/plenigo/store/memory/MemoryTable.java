package org.plenigo.store.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map whose writes are undone when their unit of work rolls back. Rows are immutable values, so
 * that a read outside the store's lock (see {@link MemoryTransactions#read}) sees each row whole.
 * Reads and writes alike are refused outside a unit of work or a read.
 */
final class MemoryTable<K, V> {
    private final Map<K, V> rows = new ConcurrentHashMap<>();
    private final MemoryTransactions transactions;

    MemoryTable(MemoryTransactions transactions) {
        this.transactions = transactions;
    }

    /** Stores the row unless the key exists; returns whether it did. */
    boolean insert(K key, V value) {
        transactions.requireUnitOfWork();
        if (rows.putIfAbsent(key, value) != null) {
            return false;
        }
        transactions.written(() -> rows.remove(key));
        return true;
    }

    void update(K key, V value) {
        transactions.requireUnitOfWork();
        V previous = rows.put(key, value);
        transactions.written(() -> restore(key, previous));
    }

    Optional<V> find(K key) {
        transactions.requireOpen();
        return Optional.ofNullable(rows.get(key));
    }

    /** The row, or null: for hot paths that should not allocate. */
    V get(K key) {
        transactions.requireOpen();
        return rows.get(key);
    }

    boolean contains(K key) {
        transactions.requireOpen();
        return rows.containsKey(key);
    }

    Collection<V> values() {
        transactions.requireOpen();
        return rows.values();
    }

    Set<K> keys() {
        transactions.requireOpen();
        return rows.keySet();
    }

    /** Adds {@code value} to the list kept under {@code key}, which stays in {@code order}. */
    static <K, V> void addSorted(MemoryTable<K, List<V>> index, K key, V value, Comparator<V> order) {
        List<V> indexed = new ArrayList<>(index.find(key).orElse(List.of()));
        indexed.add(value);
        indexed.sort(order);
        index.update(key, List.copyOf(indexed));
    }

    /** Replaces {@code old} by {@code changed} in the list of {@code key}, in its place. */
    static <K, V> void replaceIn(MemoryTable<K, List<V>> index, K key, V old, V changed) {
        List<V> indexed = new ArrayList<>(index.get(key));
        indexed.set(indexed.indexOf(old), changed);
        index.update(key, List.copyOf(indexed));
    }

    private void restore(K key, V previous) {
        if (previous == null) {
            rows.remove(key);
        } else {
            rows.put(key, previous);
        }
    }
}
