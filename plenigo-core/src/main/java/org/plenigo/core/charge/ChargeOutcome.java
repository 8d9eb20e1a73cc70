package org.plenigo.core.charge;

import java.util.Optional;
import org.plenigo.core.Require;

/** What became of a charge: it succeeded, or it failed and nothing was taken. */
public sealed interface ChargeOutcome {
    /** Whether the money was taken or is on its way (pending): what the charge pays for may be given. */
    default boolean paid() { return this instanceof Succeeded; }
    /** The charge that paid, if {@link #paid()}. */
    default Optional<ChargeId> paidBy() { return this instanceof Succeeded s ? Optional.of(s.chargeId()) : Optional.empty(); }
    /** Why the charge did not pay, if it did not. */
    default Optional<String> failureReason() { return this instanceof Failed f ? Optional.of(f.reason()) : Optional.empty(); }

    record Succeeded(ChargeId chargeId) implements ChargeOutcome {
        public Succeeded {
            Require.notNull(chargeId, "chargeId");
        }
    }

    record Failed(String reason) implements ChargeOutcome {
        public Failed {
            Require.notBlank(reason, "reason");
        }
    }
}
