package org.plenigo.core.wallet;

/** The state of a customer wallet right after one change: its new balance and the change's sequence number. */
public record BalanceChange(long balanceAfter, long version) {
}
