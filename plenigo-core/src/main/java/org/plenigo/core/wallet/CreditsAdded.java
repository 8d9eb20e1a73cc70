package org.plenigo.core.wallet;

/**
 * Outcome of a grant or a reversal, which cannot be refused.
 *
 * @param replayed whether the key was used before: then this is the first result and nothing changed now
 */
public record CreditsAdded(LedgerEntryId entryId, long credits, long balance, boolean replayed) {
}
