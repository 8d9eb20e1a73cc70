package org.plenigo.core.invoice;

/**
 * Storage port for the counters of invoice number series: one counter per series, kept as one
 * row (not a database sequence, which leaves gaps).
 */
public interface InvoiceNumberRepository {
    /**
     * Counts the series on by one in the current unit of work and returns the new value, 1 for a
     * series never counted. The value is taken only if the unit of work commits: a rollback gives
     * it back, so numbers never skip; units of work that count the same series wait for each
     * other, so numbers never repeat.
     */
    long next(String seriesId);
}
