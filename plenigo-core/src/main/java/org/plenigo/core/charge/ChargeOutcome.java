package org.plenigo.core.charge;

import org.plenigo.core.Require;

/** What became of a charge: it succeeded, or it failed and nothing was taken. */
public sealed interface ChargeOutcome {
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
