package org.plenigo.core.charge;

/**
 * Port through which every paid top-up is charged. It is called inside the unit of work that adds
 * the credits, so a failed charge adds no credits. Implementations must be idempotent by
 * {@link ChargeRequest#key()}: a repeated key returns the first outcome and charges nothing more,
 * which makes a retried operation safe even when the first attempt's credits were rolled back.
 * There is no default: the host passes one to {@code Plenigo.builder().charges(...)}.
 * {@link RecordingCharges} records each charge in the store and always succeeds, for tests and demos.
 */
@FunctionalInterface
public interface Charges {
    ChargeOutcome charge(ChargeRequest request);
}
